import { auditActionOf, scopeOf, type Role } from '@stegvis/contracts';
import { CASES, PUBLIC_ROUTES } from './permissions/cases';
import { buildWorld, type World } from './permissions/world';
import { Factories } from './support/factories';
import { discoverRoutes, type DiscoveredRoute } from './support/routes';
import { Client, startTestApp, type TestApp } from './support/test-app';

/**
 * Every non-public route, performed by a role that may, leaves its audit row: who, which action,
 * which kind of record and which record. Rows are found by the request's X-Request-Id, so other
 * test files writing to the same log cannot disturb the count. That the log refuses UPDATE and
 * DELETE is proven in foundation.int-spec.ts › "keeps the audit log append-only at the database
 * level".
 */

interface AuditRow {
  user_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
}

/** Routes that write their own, more specific row instead of the interceptor's. */
const EXPLICIT_ACTIONS: Record<string, string> = {
  'POST /api/auth/logout': 'logout',
  'GET /api/participant-imports/template': 'read',
  // A preview reads the programme's participants (to find duplicates) and saves nothing.
  'POST /api/programmes/:id/participant-imports/preview': 'read',
};

/** Routes whose row names another kind of record than their permission's prefix. */
const EXPLICIT_ENTITIES: Record<string, string> = {
  'POST /api/programmes/:id/participant-imports/preview': 'programme',
};

/** Routes whose row names a record other than the one in the path: an import, the created one. */
const EXPLICIT_IDS: Record<string, (body: unknown) => string | null> = {
  'POST /api/programmes/:id/participant-imports': (body) =>
    (body as { ids?: string[] } | null)?.ids?.[0] ?? null,
};

const ROLE_ORDER: Role[] = ['coach', 'supervisor', 'lead', 'admin'];

describe('audit completeness: every route leaves its audit row', () => {
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
  }, 60_000);
  afterAll(async () => t?.close());

  it('has a case for every non-public route', () => {
    const keys = routes.filter((r) => !r.isPublic).map((r) => r.key);
    expect(keys.filter((k) => !(k in CASES))).toEqual([]);
    expect(routes.filter((r) => r.isPublic).map((r) => r.key)).toEqual(
      expect.arrayContaining(PUBLIC_ROUTES),
    );
  });

  it.each(Object.keys(CASES).sort())(
    '%s writes one audit row naming user, action and record',
    async (key) => {
      const routeCase = CASES[key];
      if (!routeCase) throw new Error(key);
      const role = ROLE_ORDER.find((r) => scopeOf(r, routeCase.permission));
      if (!role) throw new Error(`no role may ${routeCase.permission}`);
      const actor = routeCase.freshActor
        ? await factories.loggedIn(client, role, world.scopeOptions[role])
        : { user: { id: world.users[role] }, token: world.tokens[role] };
      const call = await routeCase.inScope(world, { token: actor.token, userId: actor.user.id });
      const [method] = key.split(' ') as [string];
      const reply = await client.request<{ id?: string }>(method, call.path, {
        token: actor.token,
        body: call.body,
        headers: call.headers,
      });
      expect({ key, status: reply.status < 300 ? 'ok' : reply.status }).toEqual({
        key,
        status: 'ok',
      });

      const requestId = reply.headers.get('x-request-id');
      expect(requestId).toBeTruthy();
      const rows = (await t.dataSource.query(
        `SELECT user_id, action, entity, entity_id FROM audit_log WHERE request_id = $1`,
        [requestId],
      )) as AuditRow[];
      expect(rows).toHaveLength(1);
      const [row] = rows as [AuditRow];

      const [prefix] = routeCase.permission.split('.') as [string];
      const pathId = key.includes('/:id')
        ? /\/api\/[a-z-]+\/([0-9a-f-]{36})/.exec(call.path)?.[1]
        : undefined;
      const explicitId = EXPLICIT_IDS[key];
      const expectedId = explicitId
        ? explicitId(reply.body)
        : prefix === 'me' || key === 'POST /api/auth/logout'
          ? actor.user.id
          : (pathId ??
            (method === 'POST' && typeof reply.body?.id === 'string' ? reply.body.id : null));
      expect({ key, ...row }).toEqual({
        key,
        user_id: actor.user.id,
        action: EXPLICIT_ACTIONS[key] ?? auditActionOf(routeCase.permission),
        entity:
          EXPLICIT_ENTITIES[key] ?? (prefix === 'me' || prefix === 'session' ? 'user' : prefix),
        entity_id: expectedId,
      });
    },
  );
});
