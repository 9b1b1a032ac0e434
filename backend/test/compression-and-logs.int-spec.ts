import type { LoginResponse, Page, Participant } from '@stegvis/contracts';
import { PinoLogger } from 'nestjs-pino';
import { request as httpRequest } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { symbols } from 'pino';
import { Factories, TEST_PASSWORD } from './support/factories';
import { Client, startTestApp, type TestApp } from './support/test-app';

interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
}

/** A request whose answer is read as sent (fetch would undo the compression on its own). */
function raw(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${baseUrl}${path}`,
      {
        method,
        headers: {
          ...headers,
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            bytes: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

function decode(reply: RawReply): unknown {
  const encoding = reply.headers['content-encoding'];
  const bytes =
    encoding === 'gzip'
      ? gunzipSync(reply.bytes)
      : encoding === 'br'
        ? brotliDecompressSync(reply.bytes)
        : reply.bytes;
  return JSON.parse(bytes.toString('utf8'));
}

describe('compression of API answers', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;
  let coachToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
    const programme = await factories.programme();
    for (let i = 0; i < 25; i++) await factories.participant(programme.id);
    coachToken = (await factories.loggedIn(client, 'coach', { programmeIds: [programme.id] }))
      .token;
  });
  afterAll(async () => t?.close());

  const list = '/api/participants?limit=25';

  it('compresses a caseload with gzip or brotli, as the client accepts, to the same JSON', async () => {
    const auth = { authorization: `Bearer ${coachToken}` };
    const plain = await raw(t.baseUrl, 'GET', list, auth);
    const gzip = await raw(t.baseUrl, 'GET', list, { ...auth, 'accept-encoding': 'gzip' });
    const br = await raw(t.baseUrl, 'GET', list, { ...auth, 'accept-encoding': 'br, gzip' });

    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect((decode(plain) as Page<Participant>).items).toHaveLength(25);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(br.headers['content-encoding']).toBe('br');
    expect(gzip.headers['vary']).toMatch(/accept-encoding/i);
    expect(decode(gzip)).toEqual(decode(plain));
    expect(decode(br)).toEqual(decode(plain));
    // A caseload compresses several times over.
    expect(gzip.bytes.length * 3).toBeLessThan(plain.bytes.length);
  });

  it('sends small answers as they are', async () => {
    const me = await raw(t.baseUrl, 'GET', '/api/health', { 'accept-encoding': 'gzip' });
    expect(me.status).toBe(200);
    expect(me.bytes.length).toBeLessThan(1400);
    expect(me.headers['content-encoding']).toBeUndefined();
  });

  it('never compresses the answers that carry secrets (login), whatever their size', async () => {
    const small = await startTestApp({ COMPRESS_MIN_BYTES: '0' });
    try {
      const f = new Factories(small.dataSource);
      const coach = await f.user('coach');
      const login = await raw(
        small.baseUrl,
        'POST',
        '/api/auth/login',
        { 'accept-encoding': 'gzip', 'x-forwarded-for': '10.9.9.9' },
        { email: coach.email, password: TEST_PASSWORD },
      );
      expect(login.status).toBe(200);
      expect(login.headers['content-encoding']).toBeUndefined();
      expect((decode(login) as LoginResponse).accessToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
      // Threshold 0: everything else is compressed.
      const health = await raw(small.baseUrl, 'GET', '/api/health', { 'accept-encoding': 'gzip' });
      expect(health.headers['content-encoding']).toBe('gzip');
    } finally {
      await small.close();
    }
  });

  it('can be turned off (a proxy in front compresses instead)', async () => {
    const off = await startTestApp({ COMPRESSION: 'false' });
    try {
      const f = new Factories(off.dataSource);
      const c = new Client(off.baseUrl);
      const programme = await f.programme();
      for (let i = 0; i < 25; i++) await f.participant(programme.id);
      const token = (await f.loggedIn(c, 'coach', { programmeIds: [programme.id] })).token;
      const reply = await raw(off.baseUrl, 'GET', list, {
        authorization: `Bearer ${token}`,
        'accept-encoding': 'gzip, br',
      });
      expect(reply.status).toBe(200);
      expect(reply.headers['content-encoding']).toBeUndefined();
      expect((decode(reply) as Page<Participant>).items).toHaveLength(25);
    } finally {
      await off.close();
    }
  });
});

describe('the request log', () => {
  let t: TestApp;
  let client: Client;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    // pino writes through the root logger's stream (request loggers are its children).
    const root = PinoLogger.root;
    (root as unknown as Record<symbol, unknown>)[symbols.streamSym] = {
      write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
    };
    root.level = 'info';
  });
  afterAll(async () => t?.close());

  const paths = () =>
    lines
      .filter((l) => l['msg'] === 'request completed')
      .map((l) => (l['req'] as { path: string }).path);

  it('leaves health checks out and logs other requests by their full path, without the query', async () => {
    expect((await client.request('GET', '/api/health')).status).toBe(200);
    await client.request('GET', '/api/health/ready');
    expect((await client.request('GET', '/api/participants?search=Anna')).status).toBe(401);
    // The log is written when the answer has gone: wait for the line.
    for (let i = 0; i < 50 && paths().length === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(paths()).toEqual(['/api/participants']);
    expect(JSON.stringify(lines)).not.toContain('Anna');
  });
});
