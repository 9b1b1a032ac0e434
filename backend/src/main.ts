import { ConfigError, loadConfig, type AppConfig } from './config/app-config';
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
  stopOnSignals(config, async () => {
    // Stops accepting, waits for the requests in flight, then closes the pool (TypeORM's
    // shutdown hook runs after the HTTP server has closed).
    await app.close();
    // The socket server, PGlite itself, and the pid file.
    await stopDatabase();
  });

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

function log(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/**
 * The one shutdown path, for SIGTERM and SIGINT alike: `stop` runs once, then the process exits 0;
 * if it fails, or takes longer than SHUTDOWN_TIMEOUT_SECONDS (a request that never ends), the
 * process exits 1 anyway. A second signal meanwhile changes nothing.
 */
function stopOnSignals(config: AppConfig, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log({ msg: 'shutting down', signal });
    const limit = config.SHUTDOWN_TIMEOUT_SECONDS;
    setTimeout(() => {
      process.stderr.write(
        `Shutdown did not finish within ${limit} s (requests still in flight); exiting.\n`,
      );
      process.exit(1);
    }, limit * 1000);
    stop().then(
      () => {
        log({ msg: 'stopped' });
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(
          `Shutdown failed: ${error instanceof Error ? error.stack : String(error)}\n`,
        );
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
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
