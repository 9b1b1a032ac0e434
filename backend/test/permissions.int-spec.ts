import { POLICY, ROLES, scopeOf, type Permission, type Role } from '@stegvis/contracts';
import { Factories, TEST_PASSWORD } from './support/factories';
import { discoverRoutes, type DiscoveredRoute } from './support/routes';
import { Client, startTestApp, uniqueEmail, type TestApp } from './support/test-app';

/**
 * The role × route × scope suite, generated from the policy table in libs/contracts: every route
 * is called as every role, on a record in the caller's scope and on one outside it.
 *   role lacks the permission → 403; in scope → 2xx; out of scope → 404 (a list leaves it out).
 * A route without a case below, or whose permission differs from its case, fails the first test.
 */

interface World {
  programmeIn: string;
  programmeOut: string;
  enterpriseIn: string;
  enterpriseOut: string;
  anyUser: string;
}

interface Call {
  path: string;
  body?: unknown;
}

interface RouteCase {
  permission: Permission;
  /** A call on a record inside the scope that the policy gives the caller's role. */
  inScope: (w: World) => Call;
  /** The same call on a record outside that scope: 404 for roles whose scope is not `all`. */
  outOfScope?: (w: World) => Call;
  /** For lists: the id of an out-of-scope record that must not be listed. */
  listExcludes?: (w: World) => string;
  /** The route ends or changes the caller's own session: use a fresh account per call. */
  freshActor?: boolean;
}

const PUBLIC_ROUTES = ['GET /api/health', 'POST /api/auth/login'];

const CASES: Record<string, RouteCase> = {
  'GET /api/me': { permission: 'me.read', inScope: () => ({ path: '/api/me' }) },
  'PATCH /api/me': {
    permission: 'me.update',
    inScope: () => ({ path: '/api/me', body: { locale: 'en' } }),
  },
  'POST /api/me/password': {
    permission: 'me.changePassword',
    freshActor: true,
    inScope: () => ({
      path: '/api/me/password',
      body: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase 2026' },
    }),
  },
  'POST /api/auth/logout': {
    permission: 'session.delete',
    freshActor: true,
    inScope: () => ({ path: '/api/auth/logout' }),
  },

  'GET /api/users': { permission: 'user.list', inScope: () => ({ path: '/api/users' }) },
  'POST /api/users': {
    permission: 'user.create',
    inScope: (w) => ({
      path: '/api/users',
      body: {
        email: uniqueEmail('coach'),
        name: 'New Coach',
        role: 'coach',
        password: TEST_PASSWORD,
        programmeIds: [w.programmeIn],
      },
    }),
  },
  'GET /api/users/:id': {
    permission: 'user.read',
    inScope: (w) => ({ path: `/api/users/${w.anyUser}` }),
  },
  'PATCH /api/users/:id': {
    permission: 'user.update',
    inScope: (w) => ({ path: `/api/users/${w.anyUser}`, body: { name: 'Renamed' } }),
  },

  'GET /api/programmes': {
    permission: 'programme.list',
    inScope: () => ({ path: '/api/programmes' }),
    listExcludes: (w) => w.programmeOut,
  },
  'POST /api/programmes': {
    permission: 'programme.create',
    inScope: () => ({
      path: '/api/programmes',
      body: { name: 'New', periodStart: '2026-01-01', periodEnd: '2026-12-31' },
    }),
  },
  'GET /api/programmes/:id': {
    permission: 'programme.read',
    inScope: (w) => ({ path: `/api/programmes/${w.programmeIn}` }),
    outOfScope: (w) => ({ path: `/api/programmes/${w.programmeOut}` }),
  },
  'PATCH /api/programmes/:id': {
    permission: 'programme.update',
    inScope: (w) => ({
      path: `/api/programmes/${w.programmeIn}`,
      body: { suppressionThreshold: 5 },
    }),
    outOfScope: (w) => ({
      path: `/api/programmes/${w.programmeOut}`,
      body: { suppressionThreshold: 5 },
    }),
  },

  'GET /api/enterprises': {
    permission: 'enterprise.list',
    inScope: () => ({ path: '/api/enterprises' }),
    listExcludes: (w) => w.enterpriseOut,
  },
  'POST /api/enterprises': {
    permission: 'enterprise.create',
    inScope: () => ({
      path: '/api/enterprises',
      body: { name: 'New AB', orgNumber: randomOrg(), municipality: 'Lund' },
    }),
  },
  'GET /api/enterprises/:id': {
    permission: 'enterprise.read',
    inScope: (w) => ({ path: `/api/enterprises/${w.enterpriseIn}` }),
    outOfScope: (w) => ({ path: `/api/enterprises/${w.enterpriseOut}` }),
  },
  'PATCH /api/enterprises/:id': {
    permission: 'enterprise.update',
    inScope: (w) => ({ path: `/api/enterprises/${w.enterpriseIn}`, body: { isAsf: true } }),
  },

  'GET /api/audit-log': {
    permission: 'audit.read',
    inScope: () => ({ path: '/api/audit-log?limit=5' }),
  },
};

let orgCounter = 0;
function randomOrg(): string {
  // Luhn-valid numbers from a running counter, so parallel calls never collide.
  const base = `5${String(Date.now() % 1e6).padStart(6, '0')}${String(orgCounter++ % 100).padStart(2, '0')}`;
  for (let check = 0; check < 10; check++) {
    const digits = `${base}${check}`.split('').map(Number);
    const sum = digits.reduce(
      (acc, d, i) => acc + (i % 2 === 0 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d),
      0,
    );
    if (sum % 10 === 0) return `${base.slice(0, 6)}-${base.slice(6)}${check}`;
  }
  throw new Error('unreachable');
}

describe('permissions: every route × every role × scope', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;
  let world: World;
  let routes: DiscoveredRoute[];
  const tokens = {} as Record<Role, string>;
  const scopeOptions = {} as Record<Role, { programmeIds?: string[]; enterpriseId?: string }>;

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
    const [programmeIn, programmeOut] = [await factories.programme(), await factories.programme()];
    const [enterpriseIn, enterpriseOut] = [
      await factories.enterprise(),
      await factories.enterprise(),
    ];
    const other = await factories.user('coach', { programmeIds: [programmeOut.id] });
    world = {
      programmeIn: programmeIn.id,
      programmeOut: programmeOut.id,
      enterpriseIn: enterpriseIn.id,
      enterpriseOut: enterpriseOut.id,
      anyUser: other.id,
    };
    scopeOptions.admin = {};
    scopeOptions.lead = { programmeIds: [programmeIn.id] };
    scopeOptions.coach = { programmeIds: [programmeIn.id] };
    scopeOptions.supervisor = { enterpriseId: enterpriseIn.id };
    for (const role of ROLES) {
      tokens[role] = (await factories.loggedIn(client, role, scopeOptions[role])).token;
    }
    routes = discoverRoutes(t.app);
  });

  afterAll(async () => t.close());

  it('finds every route declared: public by name, or with a permission from the policy table and a case here', () => {
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) {
      if (route.isPublic) {
        expect(PUBLIC_ROUTES).toContain(route.key);
        continue;
      }
      expect({ route: route.key, permission: route.permission }).toEqual({
        route: route.key,
        permission: expect.any(String),
      });
      expect(POLICY).toHaveProperty([route.permission as string]);
      expect({ route: route.key, hasCase: route.key in CASES }).toEqual({
        route: route.key,
        hasCase: true,
      });
      expect({ route: route.key, permission: CASES[route.key]?.permission }).toEqual({
        route: route.key,
        permission: route.permission,
      });
    }
    // No stale cases for routes that no longer exist.
    const keys = routes.map((r) => r.key);
    for (const key of Object.keys(CASES)) expect(keys).toContain(key);
  });

  it('answers 401 to every non-public route without a session', async () => {
    for (const route of routes.filter((r) => !r.isPublic)) {
      const [method] = route.key.split(' ');
      const call = CASES[route.key]?.inScope(world);
      if (!method || !call) continue;
      const reply = await client.request(method, call.path, { body: call.body });
      expect({ route: route.key, status: reply.status }).toEqual({ route: route.key, status: 401 });
    }
  });

  const cells = Object.entries(CASES).flatMap(([key, c]) =>
    ROLES.map((role) => [key, role, c] as const),
  );

  it.each(cells)('%s as %s', async (key, role, routeCase) => {
    const [method] = key.split(' ') as [string];
    const scope = scopeOf(role, routeCase.permission);
    const token = routeCase.freshActor
      ? (await factories.loggedIn(client, role, scopeOptions[role])).token
      : tokens[role];
    const call = routeCase.inScope(world);
    const reply = await client.request<{ items?: { id: string }[] }>(method, call.path, {
      token,
      body: call.body,
    });

    if (!scope) {
      expect(reply.status).toBe(403);
      return;
    }
    expect({ status: reply.status, body: reply.status >= 300 ? reply.body : undefined }).toEqual({
      status: expect.any(Number),
      body: undefined,
    });
    expect(reply.status).toBeGreaterThanOrEqual(200);
    expect(reply.status).toBeLessThan(300);

    if (scope !== 'all' && routeCase.outOfScope) {
      const outside = routeCase.outOfScope(world);
      const denied = await client.request(method, outside.path, { token, body: outside.body });
      expect(denied.status).toBe(404);
    }
    if (scope !== 'all' && routeCase.listExcludes) {
      const ids = (reply.body.items ?? []).map((item) => item.id);
      expect(ids).not.toContain(routeCase.listExcludes(world));
    }
  });
});
