import { scopeOf, type Role } from '@stegvis/contracts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CASES } from './permissions/cases';
import { buildWorld, type World } from './permissions/world';
import { NASTY_STRINGS, propertySpecs } from './support/dto-fuzz';
import { Factories } from './support/factories';
import { discoverRoutes, type DiscoveredRoute } from './support/routes';
import { Client, startTestApp, type TestApp } from './support/test-app';

/**
 * Attacks through HTTP on the real database.
 * - Object level (BOLA/IDOR) on every resource: permissions.int-spec.ts (every route × role ×
 *   in/out of scope, 404 outside the scope).
 * - A supervisor never receives a field outside the allowlist: participants.int-spec.ts › "never
 *   shows a supervisor a key outside the allowlist, in any list or read response (recursive walk)".
 * - Invalid bodies on every write route: fuzz-write-routes.int-spec.ts.
 * Here: mass assignment, injection through query strings, headers on the web app, body limits and
 * content types.
 */

const MASS_ASSIGNMENT_KEYS = [
  'id',
  'role',
  'programmeId',
  'participantId',
  'userId',
  'coachId',
  'version',
  'createdAt',
  'updatedAt',
  'erasedAt',
  'reducedAt',
  'passwordHash',
  'disabledAt',
  'enterpriseId',
];

const ROLE_ORDER: Role[] = ['supervisor', 'coach', 'lead', 'admin'];

interface ErrorBody {
  statusCode?: number;
  fields?: Record<string, string[]>;
  items?: { id: string }[];
}

describe('attacks', () => {
  let t: TestApp;
  let client: Client;
  let world: World;
  let routes: DiscoveredRoute[];
  let staticApp: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    world = await buildWorld(client, new Factories(t.dataSource));
    routes = discoverRoutes(t.app);
    const spa = mkdtempSync(join(tmpdir(), 'stegvis-spa-'));
    writeFileSync(
      join(spa, 'index.html'),
      '<!doctype html><title>Stegvis</title><sv-root></sv-root>',
    );
    staticApp = await startTestApp({ STATIC_DIR: spa });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await staticApp?.close();
  });

  const roleFor = (permission: DiscoveredRoute['permission']) =>
    ROLE_ORDER.find((r) => permission && scopeOf(r, permission));

  describe('mass assignment (property-level authorisation)', () => {
    const patches = Object.keys(CASES).filter((k) => k.startsWith('PATCH '));

    it.each(patches)('%s refuses every privileged field it does not declare', async (key) => {
      const route = routes.find((r) => r.key === key);
      const routeCase = CASES[key];
      const role = roleFor(routeCase?.permission);
      if (!route?.bodyDto || !routeCase || !role) throw new Error(`no DTO or role for ${key}`);
      const declared = new Set(propertySpecs(route.bodyDto).map((s) => s.name));
      const undeclared = MASS_ASSIGNMENT_KEYS.filter((k) => !declared.has(k));
      expect(undeclared.length).toBeGreaterThan(5);
      for (const field of undeclared) {
        const call = await routeCase.inScope(world);
        const before = await client.request('GET', call.path.replace(/\?.*$/, ''), {
          token: world.tokens[role],
        });
        const reply = await client.request<ErrorBody>('PATCH', call.path, {
          token: world.tokens[role],
          body: {
            ...(call.body as object),
            [field]: field.endsWith('At') ? '2020-01-01' : world.anyUser,
          },
          headers: call.headers,
        });
        expect({ key, field, status: reply.status }).toEqual({ key, field, status: 400 });
        expect(reply.body.fields).toHaveProperty([field]);
        if (before.status === 200) {
          const after = await client.request('GET', call.path.replace(/\?.*$/, ''), {
            token: world.tokens[role],
          });
          expect(after.body).toEqual(before.body);
        }
      }
    });
  });

  describe('injection through query strings', () => {
    const SQLI = [
      ...NASTY_STRINGS.filter((s) => !s.includes('\u0000')),
      "' OR 1=1; --",
      '1) OR (1=1',
      'lastName; DROP TABLE participants',
      'last_name DESC, (SELECT 1 FROM pg_sleep(0))',
      '%',
      '_',
    ];

    it('every GET route with query parameters answers 400 or 200 without leaking, never 5xx', async () => {
      const lists = routes.filter((r) => r.key.startsWith('GET ') && r.queryDto && CASES[r.key]);
      expect(lists.length).toBeGreaterThanOrEqual(8);
      for (const route of lists) {
        const routeCase = CASES[route.key];
        const role = roleFor(route.permission);
        if (!routeCase || !role || !route.queryDto) continue;
        const base = (await routeCase.inScope(world)).path.split('?')[0] as string;
        const names = [
          ...propertySpecs(route.queryDto).map((s) => s.name),
          'sort',
          'order',
          'orderBy',
        ];
        for (const name of names) {
          for (const value of SQLI) {
            const path = `${base}?${new URLSearchParams({ [name]: value }).toString()}`;
            const reply = await client.request<ErrorBody>('GET', path, {
              token: world.tokens[role],
            });
            expect({ path, status: reply.status === 200 || reply.status === 400 }).toEqual({
              path,
              status: true,
            });
            if (reply.status === 200 && routeCase.listExcludes) {
              const ids = (reply.body.items ?? []).map((i) => i.id);
              expect(ids).not.toContain(routeCase.listExcludes(world));
            }
          }
        }
      }
      // The database is intact: the world's records are all still there.
      const [row] = (await t.dataSource.query(
        `SELECT (SELECT count(*) FROM participants WHERE id = ANY($1)) AS participants,
                (SELECT count(*) FROM placements WHERE id = ANY($2)) AS placements`,
        [
          [world.participantIn, world.participantOut],
          [world.placementIn, world.placementOut],
        ],
      )) as { participants: string; placements: string }[];
      expect(row).toEqual({ participants: '2', placements: '2' });
    }, 120_000);

    it('a NUL byte in a query string is a 400, not a database error', async () => {
      const reply = await client.request<ErrorBody>('GET', '/api/participants?search=a%00b', {
        token: world.tokens.coach,
      });
      expect(reply.status).toBe(400);
      expect(reply.body.fields).toHaveProperty(['search']);
    });
  });

  describe('the web app', () => {
    it('serves index.html, also for an app route, with the same security headers as the API', async () => {
      const spa = new Client(staticApp.baseUrl);
      for (const path of ['/', '/participants/123']) {
        const reply = await spa.request<string>('GET', path, { headers: { accept: 'text/html' } });
        expect(reply.status).toBe(200);
        expect(reply.body).toContain('<sv-root>');
        const csp = reply.headers.get('content-security-policy') ?? '';
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("object-src 'none'");
        expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
        expect(reply.headers.get('referrer-policy')).toBe('no-referrer');
        // HSTS and upgrade-insecure-requests only when served over HTTPS: https-headers.int-spec.ts.
        expect(reply.headers.get('x-frame-options')).toBe('SAMEORIGIN');
        expect(reply.headers.get('x-powered-by')).toBeNull();
      }
    });
  });

  describe('request bodies', () => {
    const path = () => `/api/placements/${world.placementIn}/follow-ups`;
    const send = (body: string, contentType: string) =>
      fetch(`${t.baseUrl}${path()}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${world.tokens.coach}`,
          'content-type': contentType,
          'x-forwarded-for': client.ip,
        },
        body,
      });

    it('refuses an oversized JSON body with 413', async () => {
      const reply = await send(
        JSON.stringify({ notes: 'x'.repeat(1_100_000) }),
        'application/json',
      );
      expect(reply.status).toBe(413);
    });

    it.each([100, 10_000, 100_000])(
      'refuses JSON nested %i levels deep with 400, never 5xx',
      async (depth) => {
        const nested = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
        const reply = await send(
          `{"date":"2026-01-01","mode":"visit","daysPresent":1,"daysAbsent":0,"wellbeing":3,"notes":${nested}}`,
          'application/json',
        );
        expect([400, 413]).toContain(reply.status);
      },
    );

    it.each([
      ['text/plain', 'date=2026-01-01'],
      ['application/x-www-form-urlencoded', 'date=2026-01-01&mode=visit'],
      [
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data; name="date"\r\n\r\n2026-01-01\r\n--x--',
      ],
      ['application/xml', '<followUp/>'],
    ])('refuses %s with 415 or 400', async (contentType, body) => {
      const reply = await send(body, contentType);
      expect([400, 415]).toContain(reply.status);
      const json = (await reply.json()) as ErrorBody;
      expect(json.statusCode).toBe(reply.status);
    });
  });
});
