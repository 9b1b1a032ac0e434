import { Factories, TEST_PASSWORD } from './support/factories';
import { Client, type Reply, startTestApp, type TestApp, uniqueEmail } from './support/test-app';

/**
 * The limits hold under concurrency across API instances: two apps on the same database, requests
 * fired all at once. An attempt is reserved in the database before the work is done, so at most
 * the limit gets through however many arrive together.
 */
describe('rate limits under concurrency', () => {
  let a: TestApp;
  let b: TestApp;
  let factories: Factories;
  let clients: [Client, Client];

  beforeAll(async () => {
    // The defaults: 5 failed logins per account, 20 per IP address.
    a = await startTestApp();
    b = await startTestApp();
    factories = new Factories(a.dataSource);
    clients = [new Client(a.baseUrl), new Client(b.baseUrl)];
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  const ip = () =>
    `10.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}`;

  function login(
    client: Client,
    email: string,
    password: string,
    from: string,
  ): Promise<Reply<{ message: string }>> {
    return client.request('POST', '/api/auth/login', { ip: from, body: { email, password } });
  }

  function tally(replies: Reply[]): Record<number, number> {
    const counts: Record<number, number> = {};
    for (const reply of replies) counts[reply.status] = (counts[reply.status] ?? 0) + 1;
    return counts;
  }

  function expectRetryAfter(replies: Reply[]): void {
    for (const reply of replies.filter((r) => r.status === 429)) {
      expect(reply.headers.get('retry-after')).toMatch(/^[1-9][0-9]*$/);
    }
  }

  it('lets at most 5 of 40 concurrent wrong passwords for one account be tried, over two instances', async () => {
    const coach = await factories.user('coach');
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        login(clients[i % 2] as Client, coach.email, `wrong password ${i}`, ip()),
      ),
    );
    const counts = tally(replies);
    expect(counts[401] ?? 0).toBeLessThanOrEqual(5);
    expect((counts[401] ?? 0) + (counts[429] ?? 0)).toBe(40);
    expectRetryAfter(replies);
    // Locked: the right password is refused too, with the time until the lockout ends.
    const right = await login(clients[1], coach.email, TEST_PASSWORD, ip());
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(60);
    expect(Number(right.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
    const failures: [{ n: number }] = await a.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'login-failed'`,
      [coach.id],
    );
    expect(failures[0].n).toBe(counts[401]);
  });

  it('lets at most 5 of 20 concurrent wrong passwords through on one instance, also for an unknown address', async () => {
    for (const email of [(await factories.user('coach')).email, uniqueEmail('nobody')]) {
      const replies = await Promise.all(
        Array.from({ length: 20 }, (_, i) => login(clients[0], email, `wrong ${i}`, ip())),
      );
      const counts = tally(replies);
      expect({ email, tried: (counts[401] ?? 0) <= 5 }).toEqual({ email, tried: true });
      expect((counts[401] ?? 0) + (counts[429] ?? 0)).toBe(20);
      expectRetryAfter(replies);
    }
  });

  it('lets at most 20 of 40 concurrent attempts from one IP address be tried, over two instances', async () => {
    const from = ip();
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        login(clients[i % 2] as Client, uniqueEmail('spray'), 'Password123!', from),
      ),
    );
    const counts = tally(replies);
    expect(counts[401] ?? 0).toBeLessThanOrEqual(20);
    expect((counts[401] ?? 0) + (counts[429] ?? 0)).toBe(40);
    expectRetryAfter(replies);
    const coach = await factories.user('coach');
    expect((await login(clients[0], coach.email, TEST_PASSWORD, from)).status).toBe(429);
    expect((await login(clients[0], coach.email, TEST_PASSWORD, ip())).status).toBe(200);
  });

  it('gives successful logins their slot back: an office behind one address is not locked out', async () => {
    const from = ip();
    const users = await Promise.all(Array.from({ length: 25 }, () => factories.user('coach')));
    // 25 logins in five rounds of five: more than the address's 20, all successful.
    const statuses: number[] = [];
    for (let round = 0; round < 5; round++) {
      const replies = await Promise.all(
        users
          .slice(round * 5, round * 5 + 5)
          .map((user, i) => login(clients[i % 2] as Client, user.email, TEST_PASSWORD, from)),
      );
      statuses.push(...replies.map((reply) => reply.status));
    }
    expect(statuses).toEqual(Array(25).fill(200));
  });

  it('answers exactly 10 of 20 concurrent exports with 200 and 10 with 429, over two instances', async () => {
    const programme = await factories.programme();
    const lead = await factories.loggedIn(clients[0], 'lead', { programmeIds: [programme.id] });
    const path = `/api/programmes/${programme.id}/export?format=csv`;
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (clients[i % 2] as Client).request('GET', path, { token: lead.token }),
      ),
    );
    expect(tally(replies)).toEqual({ 200: 10, 429: 10 });
    expectRetryAfter(replies);
    const audit: [{ n: number }] = await a.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE user_id = $1 AND action = 'export'`,
      [lead.user.id],
    );
    expect(audit[0].n).toBe(10);
  });
});
