import { ConfigError, loadConfig } from './config/app-config';
import { createApp, migrate, openDatabase } from './app.factory';
import { seedDemo } from './seed/demo-seed';

/**
 * `node dist/backend/main.js`           migrate, seed the demo data if DEMO=true, serve.
 * `node dist/backend/main.js migrate`   apply pending migrations and exit.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const command = process.argv[2] ?? 'serve';
  const database = await openDatabase(config);
  const stopDatabase = async () => database.embedded?.stop();

  const applied = await migrate(database.url);
  process.stdout.write(
    `${JSON.stringify({ msg: 'migrations applied', count: applied.length, migrations: applied })}\n`,
  );
  if (command === 'migrate') {
    await stopDatabase();
    return;
  }

  const app = await createApp(config, database.url);
  if (config.DEMO) {
    const seeded = await seedDemo(app);
    if (seeded) process.stdout.write(`${JSON.stringify({ msg: 'demo data seeded' })}\n`);
  }
  await app.listen({ port: config.PORT, host: config.HOST });

  const shutdown = async () => {
    await app.close();
    await stopDatabase();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());

  const url = `http://localhost:${config.PORT}`;
  const lines = [
    '',
    `  Stegvis is running at ${url}`,
    `  API documentation:   ${url}/api/docs`,
    `  Database:            ${database.embedded ? `embedded PostgreSQL (PGlite) in ${config.DATA_DIR}` : 'PostgreSQL from DATABASE_URL'}`,
  ];
  if (config.DEMO) {
    lines.push(
      '',
      '  DEMO DATA — every demo account has the password  stegvis-demo',
      '    admin@demo.stegvis.se        admin',
      '    lead@demo.stegvis.se         programme lead',
      '    coach@demo.stegvis.se        coach (Steg mot arbete)',
      '    coach2@demo.stegvis.se       coach (another programme)',
      '    supervisor@demo.stegvis.se   supervisor (enterprise A)',
      '    supervisor2@demo.stegvis.se  supervisor (enterprise B)',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Stegvis failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
  }
  process.exit(1);
});
