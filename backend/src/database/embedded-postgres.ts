import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { serialiseExtendedQueries } from './pglite-queue';

/** An embedded PostgreSQL: PGlite (Postgres 18 in WASM) served on the Postgres wire protocol. */
export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

// PGlite ships ESM first; a runtime import keeps webpack from bundling its WASM.
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const importEsm = new Function('specifier', 'return import(specifier)') as <T>(
  specifier: string,
) => Promise<T>;

export async function startEmbeddedPostgres(
  dataDir: string,
  maxConnections: number,
): Promise<EmbeddedPostgres> {
  const dir = resolve(dataDir, 'pg');
  // PGlite does not create parent folders.
  mkdirSync(dir, { recursive: true });
  const { PGlite } = await importEsm<typeof import('@electric-sql/pglite')>('@electric-sql/pglite');
  const { PGLiteSocketServer } = await importEsm<typeof import('@electric-sql/pglite-socket')>(
    '@electric-sql/pglite-socket',
  );
  const db = await PGlite.create(dir);
  // Pool size + room for the health check and migrations; the default of 1 resets pooled sockets.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  serialiseExtendedQueries(server);
  await server.start();
  // npm run backup / restore refuse to touch the folder while this file names a live process.
  const pidFile = resolve(dataDir, 'stegvis.pid');
  writeFileSync(pidFile, `${process.pid}\n`);
  const url = `postgres://postgres:postgres@${server.getServerConn()}/postgres`;
  return {
    url,
    async stop() {
      await server.stop();
      await db.close();
      rmSync(pidFile, { force: true });
    },
  };
}
