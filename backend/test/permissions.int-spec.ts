import { POLICY, ROLES, scopeOf } from '@stegvis/contracts';
import { CASES, PUBLIC_ROUTES } from './permissions/cases';
import { buildWorld, type World } from './permissions/world';
import { Factories } from './support/factories';
import { discoverRoutes, type DiscoveredRoute } from './support/routes';
import { Client, startTestApp, type TestApp } from './support/test-app';

/**
 * The role × route × scope suite, generated from the policy table in libs/contracts: every route
 * is called as every role, on a record in the caller's scope and on one outside it.
 *   role lacks the permission → 403; in scope → 2xx; out of scope → 404 (a list leaves it out).
 * A route without a case in permissions/cases/, or whose permission differs from its case, fails
 * the first test.
 */

describe('permissions: every route × every role × scope', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;
  let world: World;
  let routes: DiscoveredRoute[];

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
    world = await buildWorld(client, factories);
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
      const routeCase = CASES[route.key];
      const call = routeCase ? await routeCase.inScope(world) : undefined;
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
    const actor = routeCase.freshActor
      ? await factories.loggedIn(client, role, world.scopeOptions[role])
      : { user: { id: world.users[role] }, token: world.tokens[role] };
    const token = actor.token;
    const call = await routeCase.inScope(world, { token, userId: actor.user.id });
    const reply = await client.request<{ items?: { id: string }[] }>(method, call.path, {
      token,
      body: call.body,
      headers: call.headers,
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
      const outside = await routeCase.outOfScope(world);
      const denied = await client.request(method, outside.path, {
        token,
        body: outside.body,
        headers: outside.headers,
      });
      expect(denied.status).toBe(404);
    }
    if (scope !== 'all' && routeCase.listExcludes) {
      const ids = (reply.body.items ?? []).map((item) => item.id);
      expect(ids).not.toContain(routeCase.listExcludes(world));
    }
  });
});
