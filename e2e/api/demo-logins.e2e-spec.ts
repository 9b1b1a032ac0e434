import type { LoginResponse, Me, Role } from '@stegvis/contracts';
import { baseUrl } from '../support/browser';

const DEMO: [string, Role][] = [
  ['admin@demo.stegvis.se', 'admin'],
  ['lead@demo.stegvis.se', 'lead'],
  ['coach@demo.stegvis.se', 'coach'],
  ['coach2@demo.stegvis.se', 'coach'],
  ['supervisor@demo.stegvis.se', 'supervisor'],
  ['supervisor2@demo.stegvis.se', 'supervisor'],
];

async function post<T>(path: string, body: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseUrl()}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

describe('API smoke on the started app', () => {
  it('serves the web app compressed, hashed files cached for a year and the page revalidated', async () => {
    const page = await fetch(`${baseUrl()}/`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const script = /src="(main-[A-Z0-9]{8}\.js)"/.exec(await page.text())?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${baseUrl()}/${script}`, { headers: { 'accept-encoding': 'br' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-encoding')).toBe('br');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(await asset.text()).toMatch(/^import/);
  });

  it('answers health', async () => {
    const response = await fetch(`${baseUrl()}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: 'up', embedded: true });
  });

  it.each(DEMO)('logs in as %s (%s)', async (email, role) => {
    const login = await post<LoginResponse>('/api/auth/login', { email, password: 'stegvis-demo' });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ email, role });
    const me = await fetch(`${baseUrl()}/api/me`, {
      headers: { authorization: `Bearer ${login.body.accessToken}` },
    });
    expect(me.status).toBe(200);
    expect(((await me.json()) as Me).role).toBe(role);
  });

  it('keeps the two coaches in their own programmes', async () => {
    const programmesOf = async (email: string) => {
      const { body } = await post<LoginResponse>('/api/auth/login', {
        email,
        password: 'stegvis-demo',
      });
      const response = await fetch(`${baseUrl()}/api/programmes`, {
        headers: { authorization: `Bearer ${body.accessToken}` },
      });
      return ((await response.json()) as { items: { id: string }[] }).items.map((p) => p.id);
    };
    const first = await programmesOf('coach@demo.stegvis.se');
    const second = await programmesOf('coach2@demo.stegvis.se');
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    expect(first).not.toEqual(second);
  });

  it('refuses a wrong password', async () => {
    const login = await post('/api/auth/login', {
      email: 'coach@demo.stegvis.se',
      password: 'wrong password',
    });
    expect(login.status).toBe(401);
  });

  it('serves the web app for a deep link', async () => {
    const response = await fetch(`${baseUrl()}/coach`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<sv-root');
  });
});
