import { todayIso } from '@stegvis/domain';
import { createServer, type Server, Socket } from 'node:net';
import { DATABASE_UNAVAILABLE_MESSAGE } from '../src/common/http-exception.filter';
import { Factories } from './support/factories';
import { Client, startTestApp, type TestApp } from './support/test-app';

/**
 * A TCP proxy between the app and its database: cutting it is the database going away for the
 * app (open connections reset, new ones refused), without touching the database itself.
 */
class CuttableProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async open(): Promise<void> {
    const server = createServer((inbound) => {
      const outbound = new Socket();
      outbound.connect(this.targetPort, this.targetHost);
      for (const socket of [inbound, outbound]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      inbound.pipe(outbound).pipe(inbound);
      inbound.on('close', () => outbound.destroy());
      outbound.on('close', () => inbound.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.resetAndDestroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('when the database goes away', () => {
  let t: TestApp;
  let client: Client;
  let proxy: CuttableProxy;
  let token: string;
  let placementId: string;

  beforeAll(async () => {
    const target = new URL(process.env['DATABASE_URL'] as string);
    proxy = new CuttableProxy(target.hostname, Number(target.port || 5432));
    await proxy.open();
    const viaProxy = new URL(target);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    t = await startTestApp({ DATABASE_URL: viaProxy.toString() });
    client = new Client(t.baseUrl);
    const factories = new Factories(t.dataSource);
    const programme = await factories.programme();
    const enterprise = await factories.enterprise();
    const login = await factories.loggedIn(client, 'coach', { programmeIds: [programme.id] });
    token = login.token;
    const participant = await factories.participant(programme.id);
    placementId = (await factories.placement(participant.id, enterprise.id)).id;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await proxy?.cut();
  });

  it('answers 503 with a message and Retry-After, and recovers by itself when it is back', async () => {
    expect((await client.request('GET', '/api/me', { token })).status).toBe(200);
    await proxy.cut();

    // The session lookup in the guard fails first: 503, not 401 or 500.
    const me = await client.request<{ message: string }>('GET', '/api/me', { token });
    expect(me.status).toBe(503);
    expect(me.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: DATABASE_UNAVAILABLE_MESSAGE,
    });
    expect(me.headers.get('retry-after')).toBe('5');

    const write = await client.request('POST', `/api/placements/${placementId}/follow-ups`, {
      token,
      headers: { 'idempotency-key': 'outage-1' },
      body: { date: todayIso(), mode: 'visit', daysPresent: 3, daysAbsent: 0, wellbeing: 4 },
    });
    expect(write.status).toBe(503);
    expect((await client.request('GET', '/api/health')).status).toBe(503);
    const login = await client.login('nobody@test.stegvis.se', 'whatever whatever 1');
    expect(login.status).toBe(503);

    // Back, on the same port: the pool drops its broken connections and makes new ones.
    await proxy.open();
    const until = Date.now() + 10_000;
    let status = 0;
    while (Date.now() < until && status !== 200) {
      status = (await client.request('GET', '/api/me', { token })).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(200);
    expect((await client.request('GET', '/api/health')).status).toBe(200);
  }, 30_000);
});
