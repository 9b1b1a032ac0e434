import { Client as PgClient } from 'pg';

export default async function globalTeardown(): Promise<void> {
  await globalThis.__STEGVIS_EMBEDDED__?.stop();
  for (const isolated of [globalThis.__STEGVIS_ISOLATED__, globalThis.__STEGVIS_SOLO__]) {
    await isolated?.embedded?.stop();
    if (!isolated?.dropUrl) continue;
    const url = new URL(isolated.dropUrl);
    const name = decodeURIComponent(url.pathname.slice(1));
    url.pathname = '/postgres';
    const admin = new PgClient({ connectionString: url.toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => admin.end());
  }
}
