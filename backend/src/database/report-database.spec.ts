import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { AppConfig, loadConfig } from '../config/app-config';
import { ReportDatabase } from './report-database';

/** A DataSource that records the statements of its transactions, by name. */
function fakeDataSource(name: string, log: string[], fail?: Error): DataSource {
  const manager = {
    query: async (sql: string) => {
      log.push(`${name}: ${sql.trim().split(/\s+/).slice(0, 3).join(' ')}`);
      if (fail && !sql.includes('TRANSACTION')) throw fail;
      if (sql.includes('pg_is_in_recovery')) {
        return [{ as_of: new Date('2026-12-01T10:00:00Z'), age: name === 'replica' ? 42.7 : 0 }];
      }
      return [];
    },
  } as unknown as EntityManager;
  return {
    isInitialized: true,
    destroy: async () => log.push(`${name}: destroyed`),
    transaction: async (isolation: string, work: (m: EntityManager) => Promise<unknown>) => {
      log.push(`${name}: BEGIN ${isolation}`);
      return work(manager);
    },
  } as unknown as DataSource;
}

class TestReportDatabase extends ReportDatabase {
  connects = 0;
  constructor(
    primary: DataSource,
    config: AppConfig,
    private readonly openReplica: () => DataSource,
  ) {
    super(primary, config);
  }
  protected override async connect(): Promise<DataSource> {
    this.connects++;
    return this.openReplica();
  }
}

const withReplica = loadConfig({
  DATABASE_URL: 'postgres://u@primary:5432/db',
  DATABASE_REPLICA_URL: 'postgres://u@replica:5432/db',
});
const connectionRefused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), {
  code: 'ECONNREFUSED',
});

describe('ReportDatabase: where report reads go', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('reads the primary when no replica is configured', async () => {
    const log: string[] = [];
    const db = new TestReportDatabase(
      fakeDataSource('primary', log),
      loadConfig({ DATABASE_URL: 'postgres://u@primary:5432/db' }),
      () => fakeDataSource('replica', log),
    );
    const { result, freshness } = await db.read(async (m) => {
      await m.query('SELECT facts');
      return 'report';
    });
    expect(result).toBe('report');
    expect(freshness).toEqual({
      source: 'primary',
      dataAsOf: '2026-12-01T10:00:00.000Z',
      ageSeconds: 0,
    });
    expect(log.every((line) => line.startsWith('primary:'))).toBe(true);
    expect(db.connects).toBe(0);
  });

  it('reads the replica in a read-only snapshot, its age first, the primary untouched', async () => {
    const log: string[] = [];
    const db = new TestReportDatabase(fakeDataSource('primary', log), withReplica, () =>
      fakeDataSource('replica', log),
    );
    const { freshness } = await db.read(async (m, seen) => {
      // The work sees the freshness before it starts (exports write it into their files).
      expect(seen.source).toBe('replica');
      await m.query('SELECT facts');
    });
    expect(freshness).toEqual({
      source: 'replica',
      dataAsOf: '2026-12-01T10:00:00.000Z',
      ageSeconds: 42,
    });
    expect(log).toEqual([
      'replica: BEGIN REPEATABLE READ',
      'replica: SET TRANSACTION READ',
      'replica: WITH r AS',
      'replica: SELECT facts',
    ]);
  });

  it("reads the primary when asked to (a report period being fixed: the primary's facts)", async () => {
    const log: string[] = [];
    const db = new TestReportDatabase(fakeDataSource('primary', log), withReplica, () =>
      fakeDataSource('replica', log),
    );
    const { freshness } = await db.read(async () => undefined, 'primary');
    expect(freshness.source).toBe('primary');
    expect(log.some((line) => line.startsWith('replica:'))).toBe(false);
  });

  it('opens the replica pool once and reuses it', async () => {
    const log: string[] = [];
    const db = new TestReportDatabase(fakeDataSource('primary', log), withReplica, () =>
      fakeDataSource('replica', log),
    );
    await db.read(async () => undefined);
    await db.read(async () => undefined);
    expect(db.connects).toBe(1);
    await db.onApplicationShutdown();
    expect(log.at(-1)).toBe('replica: destroyed');
  });

  it('falls back to the primary when the replica cannot be reached, and tries it again next time', async () => {
    const log: string[] = [];
    const db = new TestReportDatabase(fakeDataSource('primary', log), withReplica, () => {
      throw connectionRefused;
    });
    const first = await db.read(async () => 'a');
    const second = await db.read(async () => 'b');
    expect([first.freshness.source, second.freshness.source]).toEqual(['primary', 'primary']);
    expect(db.connects).toBe(2);
  });

  it.each([
    ['shutting down', '57P01'],
    ['starting up', '57P03'],
    ['a conflict with recovery', '40001'],
  ])('reads the primary again when the replica is %s (%s)', async (_what, code) => {
    const log: string[] = [];
    const error = Object.assign(new Error(code), { code });
    const db = new TestReportDatabase(fakeDataSource('primary', log), withReplica, () =>
      fakeDataSource('replica', log, error),
    );
    const { result, freshness } = await db.read(async (m) => {
      await m.query('SELECT facts');
      return 'report';
    });
    expect({ result, source: freshness.source }).toEqual({ result: 'report', source: 'primary' });
    expect(log.at(-1)).toBe('primary: SELECT facts');
  });

  it('passes any other error on, without a second try on the primary', async () => {
    const log: string[] = [];
    const error = Object.assign(new Error('syntax error'), { code: '42601' });
    const db = new TestReportDatabase(fakeDataSource('primary', log), withReplica, () =>
      fakeDataSource('replica', log, error),
    );
    await expect(db.read(async (m) => m.query('SELECT facts'))).rejects.toThrow('syntax error');
    expect(log.some((line) => line.startsWith('primary:'))).toBe(false);
  });
});
