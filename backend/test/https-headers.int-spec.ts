import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, startTestApp, type TestApp } from './support/test-app';

/**
 * `upgrade-insecure-requests` and HSTS make a browser fetch every asset over https. Sent by an app
 * served over plain HTTP on any host but localhost, they leave the page blank, so both are sent
 * only when the app is configured for HTTPS (COOKIE_SECURE=true or an https PUBLIC_URL), and
 * then only on requests that came over HTTPS (here: X-Forwarded-Proto from the trusted proxy).
 */
describe('HTTPS-only headers follow the configuration', () => {
  const spa = mkdtempSync(join(tmpdir(), 'stegvis-spa-'));
  writeFileSync(
    join(spa, 'index.html'),
    '<!doctype html><title>Stegvis</title><sv-root></sv-root>',
  );

  const cases: [string, Record<string, string>, boolean][] = [
    ['plain HTTP (the default)', {}, false],
    ['an http PUBLIC_URL', { PUBLIC_URL: 'http://stegvis.test:3000' }, false],
    ['COOKIE_SECURE=true', { COOKIE_SECURE: 'true' }, true],
    ['an https PUBLIC_URL', { PUBLIC_URL: 'https://stegvis.example.se' }, true],
  ];

  describe.each(cases)('%s', (_name, env, https) => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ STATIC_DIR: spa, ...env });
    });
    afterAll(async () => t?.close());

    it(`${https ? 'sends' : 'does not send'} upgrade-insecure-requests and HSTS, on the web app and the API`, async () => {
      const client = new Client(t.baseUrl);
      for (const path of ['/', '/login', '/api/health']) {
        // As the TLS-terminating proxy (TRUST_PROXY) says.
        const reply = await client.request('GET', path, {
          headers: { accept: 'text/html', 'x-forwarded-proto': 'https' },
        });
        expect({ path, status: reply.status }).toEqual({ path, status: 200 });
        const csp = reply.headers.get('content-security-policy') ?? '';
        // The rest of the policy is the same either way.
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect({ path, upgrade: csp.includes('upgrade-insecure-requests') }).toEqual({
          path,
          upgrade: https,
        });
        const hsts = reply.headers.get('strict-transport-security');
        if (https) expect(hsts).toMatch(/max-age=\d+/);
        else expect({ path, hsts }).toEqual({ path, hsts: null });
      }
    });

    it('sends neither on a plain-HTTP request straight to the instance (no proxy saying https)', async () => {
      const client = new Client(t.baseUrl);
      for (const path of ['/', '/api/health']) {
        const reply = await client.request('GET', path, { headers: { accept: 'text/html' } });
        expect({ path, status: reply.status }).toEqual({ path, status: 200 });
        const csp = reply.headers.get('content-security-policy') ?? '';
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect({ path, upgrade: csp.includes('upgrade-insecure-requests') }).toEqual({
          path,
          upgrade: false,
        });
        expect({ path, hsts: reply.headers.get('strict-transport-security') }).toEqual({
          path,
          hsts: null,
        });
      }
    });
  });
});
