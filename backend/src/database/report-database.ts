import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source';

export type ReadSource = 'primary' | 'replica';

/** How current the data of a read is. */
export interface DataFreshness {
  source: ReadSource;
  /**
   * The data is at least as new as this (ISO timestamp): the primary's now(), or on a replica
   * the commit time of the last replayed transaction (or, when it has replayed everything it
   * received while streaming, the last time it heard from the primary); null = not known.
   */
  dataAsOf: string | null;
  /** now() − dataAsOf in whole seconds as the database server sees it; null = not known. */
  ageSeconds: number | null;
}

/**
 * The data's age, in the read's own transaction. On a standby: if it has replayed all the WAL it
 * received and is streaming, it is as current as the last message from the primary (an idle
 * primary still sends one at least every wal_receiver_timeout / 2); otherwise as current as the
 * last transaction it replayed. pg_stat_wal_receiver needs pg_read_all_stats (else only the
 * replay time is used).
 */
const FRESHNESS_SQL = `
  WITH r AS (
    SELECT pg_is_in_recovery() AS standby,
           pg_last_xact_replay_timestamp() AS replayed,
           pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() AS caught_up,
           (SELECT max(last_msg_receipt_time) FROM pg_stat_wal_receiver
             WHERE status = 'streaming') AS heard)
  SELECT as_of, extract(epoch FROM now() - as_of)::float8 AS age
    FROM (SELECT standby,
                 CASE WHEN NOT standby THEN now()
                      WHEN caught_up AND heard IS NOT NULL THEN greatest(replayed, heard)
                      ELSE replayed END AS as_of
            FROM r) x`;

/**
 * Errors after which a read is tried again on the primary: the replica cannot be reached, is
 * shutting down or starting, or cancelled the query because of a conflict with recovery.
 */
const REPLICA_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  '08000',
  '08001',
  '08003',
  '08006',
  '57P01',
  '57P02',
  '57P03',
  '40001',
]);

export function replicaUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && REPLICA_UNAVAILABLE.has(code)) return true;
  return /Connection terminated|timeout exceeded when trying to connect/i.test(error.message);
}

/**
 * The database that reports and exports read from: DATABASE_REPLICA_URL when set (a second
 * connection pool, opened on first use), else the primary. Only reads go through here — every
 * read in a REPEATABLE READ, READ ONLY transaction, so that even a misconfigured "replica" that
 * is really a writable server takes no writes; whatever the report path writes (audit rows,
 * rate-limit slots, fixed reports) uses the primary DataSource as everything else does.
 * (TypeORM's own `replication` option is not used: it would send every SELECT outside a
 * transaction to the replica, and the app would stop reading its own writes.)
 */
@Injectable()
export class ReportDatabase implements OnApplicationShutdown {
  private readonly logger = new Logger('ReportDatabase');
  private replica: Promise<DataSource> | null = null;

  constructor(
    private readonly primary: DataSource,
    private readonly config: AppConfig,
  ) {}

  /**
   * Runs `work` in one read-only snapshot on the replica (`prefer = 'replica'`, when there is
   * one) or on the primary, with how current its data is. A replica that cannot answer is
   * logged and the read runs on the primary instead.
   */
  async read<T>(
    work: (m: EntityManager, freshness: DataFreshness) => Promise<T>,
    prefer: ReadSource = 'replica',
  ): Promise<{ result: T; freshness: DataFreshness }> {
    const replica = prefer === 'replica' ? await this.replicaOrNull() : null;
    if (!replica) return this.readOn(this.primary, 'primary', work);
    try {
      return await this.readOn(replica, 'replica', work);
    } catch (error) {
      if (!replicaUnavailable(error)) throw error;
      this.logger.warn(
        `The read replica did not answer (${(error as Error).message}); this report reads the primary`,
      );
      return this.readOn(this.primary, 'primary', work);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const replica = await this.replica?.catch(() => null);
    if (replica?.isInitialized) await replica.destroy();
  }

  /** Opens the replica's pool (a seam for the unit test). */
  protected async connect(url: string): Promise<DataSource> {
    const options = dataSourceOptions(url, this.config.DB_POOL_SIZE);
    const dataSource = new DataSource({
      ...options,
      migrations: [],
      extra: { ...(options.extra as object), application_name: 'stegvis-reports' },
    } as typeof options);
    return dataSource.initialize();
  }

  private async replicaOrNull(): Promise<DataSource | null> {
    const url = this.config.DATABASE_REPLICA_URL;
    if (!url) return null;
    this.replica ??= this.connect(url).catch((error: unknown) => {
      this.replica = null; // try again on the next report
      throw error;
    });
    try {
      return await this.replica;
    } catch (error) {
      if (!replicaUnavailable(error)) throw error;
      this.logger.warn(
        `The read replica cannot be reached (${(error as Error).message}); this report reads the primary`,
      );
      return null;
    }
  }

  private async readOn<T>(
    dataSource: DataSource,
    source: ReadSource,
    work: (m: EntityManager, freshness: DataFreshness) => Promise<T>,
  ): Promise<{ result: T; freshness: DataFreshness }> {
    return dataSource.transaction('REPEATABLE READ', async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      // First in the transaction: the snapshot is taken here, so this is the data's age.
      const [row]: { as_of: Date | null; age: number | null }[] = await m.query(FRESHNESS_SQL);
      const freshness: DataFreshness = {
        source,
        dataAsOf: row?.as_of ? new Date(row.as_of).toISOString() : null,
        ageSeconds: row?.age == null ? null : Math.max(0, Math.floor(row.age)),
      };
      const result = await work(m, freshness);
      return { result, freshness };
    });
  }
}
