import { Factories, TEST_PASSWORD } from './support/factories';
import { Client, startTestApp, type TestApp } from './support/test-app';

/**
 * Login CSRF and cross-site writes: a page on another site can post a form (no preflight) to the
 * app. Bodies must be application/json (415 otherwise, before any work), and a login or a
 * cookie-authenticated write that names another Origin is refused with 403.
 */
describe('request bodies and Origin', () => {
  let t: TestApp;
  let withCors: TestApp;
  let client: Client;
  let factories: Factories;

  beforeAll(async () => {
    t = await startTestApp();
    withCors = await startTestApp({ CORS_ORIGINS: 'https://app.example.org' });
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await withCors?.close();
  });

  async function post(
    app: TestApp,
    path: string,
    body: string,
    headers: Record<string, string>,
  ): Promise<{ status: number; body: Record<string, unknown>; cookies: string[] }> {
    const reply = await fetch(`${app.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'x-forwarded-for': client.ip, ...headers },
      body,
    });
    const text = await reply.text();
    return {
      status: reply.status,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      cookies: reply.headers.getSetCookie(),
    };
  }

  const json = (value: unknown) => JSON.stringify(value);

  describe('content types', () => {
    it.each([
      [
        'application/x-www-form-urlencoded',
        (email: string) => `email=${email}&password=${TEST_PASSWORD}`,
      ],
      ['text/plain', (email: string) => json({ email, password: TEST_PASSWORD })],
      ['text/plain;charset=UTF-8', (email: string) => json({ email, password: TEST_PASSWORD })],
      [
        'multipart/form-data; boundary=x',
        (email: string) =>
          `--x\r\nContent-Disposition: form-data; name="email"\r\n\r\n${email}\r\n--x--`,
      ],
    ])('refuses a %s login with 415 and sets no cookie', async (type, body) => {
      const coach = await factories.user('coach');
      const reply = await post(t, '/api/auth/login', body(encodeURIComponent(coach.email)), {
        'content-type': type,
        origin: 'https://evil.example',
      });
      expect(reply.status).toBe(415);
      expect(reply.body).toEqual({
        statusCode: 415,
        error: 'Unsupported Media Type',
        message: 'Send the request body as application/json.',
      });
      expect(reply.cookies).toEqual([]);
    });

    it('refuses a form body on other JSON routes too, before any change', async () => {
      const coach = await factories.loggedIn(client, 'coach');
      const reply = await fetch(`${t.baseUrl}/api/me`, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${coach.token}`,
          'content-type': 'application/x-www-form-urlencoded',
          'x-forwarded-for': client.ip,
        },
        body: 'name=Changed',
      });
      expect(reply.status).toBe(415);
      const me = await client.request<{ name: string }>('GET', '/api/me', { token: coach.token });
      expect(me.body.name).toBe('Test coach');
    });

    it('accepts application/json with a charset', async () => {
      const coach = await factories.user('coach');
      const reply = await post(
        t,
        '/api/auth/login',
        json({ email: coach.email, password: TEST_PASSWORD }),
        {
          'content-type': 'application/json; charset=utf-8',
        },
      );
      expect(reply.status).toBe(200);
    });
  });

  describe('Origin', () => {
    it('refuses a JSON login from another origin with 403 and sets no cookie', async () => {
      const coach = await factories.user('coach');
      for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:1`]) {
        const reply = await post(
          t,
          '/api/auth/login',
          json({ email: coach.email, password: TEST_PASSWORD }),
          {
            'content-type': 'application/json',
            origin,
          },
        );
        expect({ origin, status: reply.status }).toEqual({ origin, status: 403 });
        expect(reply.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
        expect(reply.cookies).toEqual([]);
      }
    });

    it('accepts a login from the app itself, and from an API client that sends no Origin', async () => {
      const coach = await factories.user('coach');
      const body = json({ email: coach.email, password: TEST_PASSWORD });
      const same = await post(t, '/api/auth/login', body, {
        'content-type': 'application/json',
        origin: t.baseUrl,
      });
      expect(same.status).toBe(200);
      expect(same.cookies).toHaveLength(2);
      const none = await post(t, '/api/auth/login', body, { 'content-type': 'application/json' });
      expect(none.status).toBe(200);
    });

    it('accepts a login from an origin listed in CORS_ORIGINS', async () => {
      const coach = await factories.user('coach');
      const body = json({ email: coach.email, password: TEST_PASSWORD });
      const listed = await post(withCors, '/api/auth/login', body, {
        'content-type': 'application/json',
        origin: 'https://app.example.org',
      });
      expect(listed.status).toBe(200);
      const other = await post(withCors, '/api/auth/login', body, {
        'content-type': 'application/json',
        origin: 'https://evil.example',
      });
      expect(other.status).toBe(403);
    });

    it('refuses a cookie-authenticated write from another origin, even with the CSRF token', async () => {
      const coach = await factories.user('coach');
      const login = await post(
        t,
        '/api/auth/login',
        json({ email: coach.email, password: TEST_PASSWORD }),
        {
          'content-type': 'application/json',
        },
      );
      const cookies = login.cookies.map((c) => c.split(';')[0]).join('; ');
      const csrf = /XSRF-TOKEN=([^;]+)/.exec(cookies)?.[1] ?? '';
      const patch = (origin: string | null, name: string) =>
        fetch(`${t.baseUrl}/api/me`, {
          method: 'PATCH',
          headers: {
            cookie: cookies,
            'x-xsrf-token': csrf,
            'content-type': 'application/json',
            'x-forwarded-for': client.ip,
            ...(origin && { origin }),
          },
          body: json({ name }),
        });
      expect((await patch('https://evil.example', 'Evil')).status).toBe(403);
      expect((await patch(t.baseUrl, 'Same origin')).status).toBe(200);
      expect((await patch(null, 'No origin')).status).toBe(200);
      const token = (login.body as { accessToken: string }).accessToken;
      const me = await client.request<{ name: string }>('GET', '/api/me', { token });
      expect(me.body.name).toBe('No origin');
      // A bearer token is never sent by a browser on its own: API clients may come from anywhere.
      const bearer = await fetch(`${t.baseUrl}/api/me`, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          origin: 'https://tool.example',
          'x-forwarded-for': client.ip,
        },
        body: json({ name: 'Bearer' }),
      });
      expect(bearer.status).toBe(200);
    });
  });
});
