import { Factories, TEST_PASSWORD } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The client address (login throttling per IP, the audit log) comes from X-Forwarded-For only as
 * far as TRUST_PROXY says: a number of proxy hops or a list of proxy addresses. A client cannot
 * pick its own address by sending the header itself.
 */
describe('TRUST_PROXY and the client address', () => {
  let behindProxy: TestApp;
  let direct: TestApp;
  let factories: Factories;

  beforeAll(async () => {
    // The test client plays the one proxy in front of the app (it connects from 127.0.0.1).
    behindProxy = await startTestApp({ TRUST_PROXY: '1', LOGIN_MAX_FAILURES: '3' });
    direct = await startTestApp({ TRUST_PROXY: '' });
    factories = new Factories(behindProxy.dataSource);
  }, 60_000);
  afterAll(async () => {
    await behindProxy?.close();
    await direct?.close();
  });

  const rand = () => Math.floor(Math.random() * 250) + 1;
  const address = (first: number) => `${first}.${rand()}.${rand()}.${rand()}`;

  async function login(app: TestApp, email: string, password: string, forwardedFor: string) {
    const reply = await fetch(`${app.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ email, password }),
    });
    return reply.status;
  }

  async function auditedAddresses(userId: string): Promise<string[]> {
    const rows: { ip: string }[] = await behindProxy.dataSource.query(
      `SELECT ip FROM audit_log WHERE user_id = $1 AND action = 'login' ORDER BY id`,
      [userId],
    );
    return rows.map((row) => row.ip);
  }

  it('with one proxy hop, takes the address the proxy added, not one the client forged before it', async () => {
    const real = address(10);
    // LOGIN_MAX_FAILURES=3: 12 failures lock the real address out.
    for (let i = 0; i < 12; i++) {
      const forged = address(203);
      expect(await login(behindProxy, `spray${i}@test.stegvis.se`, 'x', `${forged}, ${real}`)).toBe(
        401,
      );
    }
    const coach = await factories.user('coach');
    // A forged first hop does not get the locked-out client in.
    expect(await login(behindProxy, coach.email, TEST_PASSWORD, `203.0.113.8, ${real}`)).toBe(429);
    const other = address(10);
    expect(await login(behindProxy, coach.email, TEST_PASSWORD, `203.0.113.8, ${other}`)).toBe(200);
    expect(await auditedAddresses(coach.id)).toEqual([other]);
  });

  it('with TRUST_PROXY unset, ignores X-Forwarded-For', async () => {
    const coach = await factories.user('coach');
    expect(await login(direct, coach.email, TEST_PASSWORD, '203.0.113.9')).toBe(200);
    expect(await auditedAddresses(coach.id)).toEqual(['127.0.0.1']);
  });
});
