import type { Logger } from 'pino';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config';
import { createApp, migrate, openDatabase } from './app.factory';
import { processLogger } from './logging';
import { seedDemo } from './seed/demo-seed';

const DEMO_ACCOUNTS = [
  ['admin@demo.stegvis.se', 'admin'],
  ['lead@demo.stegvis.se', 'programme lead'],
  ['coach@demo.stegvis.se', 'coach (Steg mot arbete)'],
  ['coach2@demo.stegvis.se', 'coach (another programme)'],
  ['supervisor@demo.stegvis.se', 'supervisor (enterprise A)'],
  ['supervisor2@demo.stegvis.se', 'supervisor (enterprise B)'],
] as const;

/**
 * `node dist/backend/main.js`           migrate, seed the demo data if DEMO=true, serve.
 * `node dist/backend/main.js migrate`   apply pending migrations and exit.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = processLogger(config);
  const command = process.argv[2] ?? 'serve';
  const database = await openDatabase(config);
  const stopDatabase = async () => database.embedded?.stop();

  const applied = await migrate(database.url);
  log.info({ count: applied.length, migrations: applied }, 'migrations applied');
  if (command === 'migrate') {
    await stopDatabase();
    return;
  }

  const app = await createApp(config, database.url);
  if (config.DEMO) {
    const seeded = await seedDemo(app);
    if (seeded) log.info('demo data seeded');
  }
  await app.listen({ port: config.PORT, host: config.HOST });
  stopOnSignals(config, log, async () => {
    // Stops accepting, waits for the requests in flight, then closes the pool (TypeORM's
    // shutdown hook runs after the HTTP server has closed).
    await app.close();
    // The socket server, PGlite itself, and the pid file.
    await stopDatabase();
  });

  announce(config, log, database.embedded ? 'embedded' : 'server');
}

/**
 * Where to find the app. In JSON format it is one log line like every other (a log shipper reads
 * it); in the pretty format (a terminal) a banner a newcomer can read, with the demo logins.
 */
function announce(config: AppConfig, log: Logger, database: 'embedded' | 'server'): void {
  const url = `http://localhost:${config.PORT}`;
  const databaseText =
    database === 'embedded'
      ? `embedded PostgreSQL (PGlite) in ${config.DATA_DIR}`
      : 'PostgreSQL from DATABASE_URL';
  if (config.LOG_FORMAT === 'json') {
    log.info(
      {
        url,
        docs: `${url}/api/docs`,
        database,
        ...(config.DEMO && { demoAccounts: DEMO_ACCOUNTS.map(([email]) => email) }),
      },
      'Stegvis is running',
    );
    return;
  }
  const lines = [
    '',
    `  Stegvis is running at ${url}`,
    `  API documentation:   ${url}/api/docs`,
    `  Database:            ${databaseText}`,
  ];
  if (config.DEMO) {
    lines.push('', '  DEMO DATA — every demo account has the password  stegvis-demo');
    for (const [email, role] of DEMO_ACCOUNTS) lines.push(`    ${email.padEnd(29)}${role}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

/**
 * The one shutdown path, for SIGTERM and SIGINT alike: `stop` runs once, then the process exits 0;
 * if it fails, or takes longer than SHUTDOWN_TIMEOUT_SECONDS (a request that never ends), the
 * process exits 1 anyway. A second signal meanwhile changes nothing.
 */
function stopOnSignals(config: AppConfig, log: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const limit = config.SHUTDOWN_TIMEOUT_SECONDS;
    setTimeout(() => {
      log.error(`Shutdown did not finish within ${limit} s (requests still in flight); exiting.`);
      process.exit(1);
    }, limit * 1000);
    stop().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

main().catch((error: unknown) => {
  // The configuration may be what failed, so the format is read from the environment here: a
  // terminal gets the message as text, anything else (production) one JSON line like the rest.
  const text =
    error instanceof ConfigError
      ? error.message
      : `Stegvis failed to start: ${error instanceof Error ? error.stack : String(error)}`;
  if (process.env['LOG_FORMAT'] === 'pretty') process.stderr.write(`${text}\n`);
  else process.stdout.write(`${JSON.stringify({ level: 60, time: Date.now(), msg: text })}\n`);
  process.exit(1);
});
