import { DataSource, DataSourceOptions } from 'typeorm';
// A relative path, not a tsconfig alias: jest's globalSetup loads this file outside jest's module
// mapper, where an alias cannot resolve. The tags still allow it (scope:backend → scope:backend).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { MIGRATIONS } from '../../../migrations';
import { ENTITIES } from './entities';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * The one place that describes the database to TypeORM, for the app, the migration command and
 * the tests alike. Schema changes come only from migrations/: synchronize is never on.
 */
export function dataSourceOptions(url: string, poolSize: number): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL ≥ 13 and PGlite; no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    extra: { max: poolSize, connectionTimeoutMillis: 5000 },
    logging: false,
  };
}

// Any fixed number; instances starting together take turns at migrating.
const MIGRATION_LOCK_KEY = 7_406_001;

export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions(url, 2) });
  await dataSource.initialize();
  // The lock is held on its own connection while the migrations run on the other.
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}
