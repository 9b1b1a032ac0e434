import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/** Statements that depend on timing, not on the request: left out of the count. */
const IGNORED = [/^\s*UPDATE sessions SET last_seen_at/i];

/**
 * The SQL statements the application sends while `work` runs (through TypeORM's query runner,
 * which every repository, query builder, `dataSource.query` and transaction goes through),
 * including those written just after the reply (the audit row): it waits until no statement has
 * been sent for `quietMs`. Run one request at a time: the count is process-wide.
 */
export async function statementsDuring(
  work: () => Promise<unknown>,
  quietMs = 60,
): Promise<string[]> {
  const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
  try {
    spy.mockClear();
    await work();
    let seen = -1;
    const until = Date.now() + 3000;
    while (seen !== spy.mock.calls.length && Date.now() < until) {
      seen = spy.mock.calls.length;
      await new Promise((resolve) => setTimeout(resolve, quietMs));
    }
    return spy.mock.calls
      .map((call) => String(call[0]).replace(/\s+/g, ' ').trim())
      .filter((sql) => !IGNORED.some((re) => re.test(sql)));
  } finally {
    spy.mockRestore();
  }
}

/**
 * Fails on N+1: `request(n)` must answer a list of `n` items; the statements for the two sizes
 * must be equal in number. Returns the counts (for the test's own expectations).
 */
export async function expectConstantStatements(
  label: string,
  request: (items: number) => Promise<{ items: number }>,
  sizes: readonly [number, number] = [2, 20],
): Promise<{ small: number; large: number }> {
  const measure = async (n: number) => {
    let got = -1;
    const statements = await statementsDuring(async () => {
      got = (await request(n)).items;
    });
    expect({ label, items: got }).toEqual({ label, items: n });
    return statements;
  };
  await measure(sizes[0]); // warm-up: first-call-only statements do not count
  const small = await measure(sizes[0]);
  const large = await measure(sizes[1]);
  expect(small.length).toBeGreaterThan(0);
  if (large.length !== small.length) {
    throw new Error(
      `${label}: ${small.length} statements for ${sizes[0]} items but ${large.length} for ${sizes[1]} (N+1?)\n` +
        `--- ${sizes[0]} items:\n${small.join('\n')}\n--- ${sizes[1]} items:\n${large.join('\n')}`,
    );
  }
  return { small: small.length, large: large.length };
}
