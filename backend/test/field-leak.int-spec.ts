import {
  CASE_DATA_VIEWS,
  cellOf,
  grantsCaseData,
  ROLES,
  SHAPES,
  shapeOf,
  type Permission,
} from '@stegvis/contracts';
import { todayIso } from '@stegvis/domain';
import { CASES } from './permissions/cases';
import { buildWorld, type World } from './permissions/world';
import { Factories } from './support/factories';
import { daysFromToday, followUpBody } from './support/placements-factories';
import { discoverRoutes, type DiscoveredRoute } from './support/routes';
import { Client, startTestApp, type TestApp } from './support/test-app';

/**
 * The field-leak suite, generated from the declarations: the policy table gives each role's view
 * of a permission, @CaseData gives what each route answers, and libs/contracts' views.ts lists the
 * fields of that answer per view. Every route whose permission shows case data is called as every
 * role (on the permission world's records, made rich enough that nested lists are not empty), and
 * every field name that comes back — at any depth — must be in the allowlist of the caller's view.
 * A route added without a declaration fails the first test.
 */

const ERROR_FIELDS = ['statusCode', 'error', 'message'];

/** The paths of fields in `value` that shape `shape` does not list, at any depth. */
function leaks(value: unknown, shape: string, path = '$'): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => leaks(item, shape, `${path}[${i}]`));
  const fields = SHAPES[shape];
  if (!fields) return [`${path}: no shape ${shape}`];
  if (typeof value !== 'object') return [`${path}: a value where ${shape} is declared`];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => {
    const spec = fields[key];
    if (spec === undefined) return [`${path}.${key}`];
    return spec === true ? [] : leaks(inner, spec, `${path}.${key}`);
  });
}

/** How many objects of each shape the check looked into: the seeded data must reach them. */
function visited(value: unknown, shape: string, into: Set<string>): void {
  if (value === null || value === undefined || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) visited(item, shape, into);
    return;
  }
  into.add(shape);
  const fields = SHAPES[shape] ?? {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const spec = fields[key];
    if (spec !== undefined && spec !== true) visited(inner, spec, into);
  }
}

describe('field leaks: every route with participant data × every role, against the view', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;
  let world: World;
  let routes: DiscoveredRoute[];
  const seen = new Set<string>();

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
    world = await buildWorld(client, factories);
    routes = discoverRoutes(t.app);

    // Rich records behind participantIn, so that every nested list has something in it: a second
    // placement with a pause and an overdue follow-up (for the due list), a plan, a follow-up
    // with notes, and check-ins by every rater.
    await factories.placement(world.participantIn, world.enterpriseIn, [world.users.supervisor], {
      startDate: daysFromToday(-60),
      pauses: [{ from: daysFromToday(-30), to: daysFromToday(-25) }],
      nextFollowUpDue: daysFromToday(-3),
    });
    const coach = world.tokens.coach;
    const supervisor = world.tokens.supervisor;
    const plan = await client.request(
      'PUT',
      `/api/participants/${world.participantIn}/action-plan`,
      {
        token: coach,
        headers: { 'if-match': '0' },
        body: {
          goal: 'Mål som bara coachen ser',
          steps: [
            { text: 'Samtal om hälsa', status: 'planned', dueDate: '2026-09-01' },
            { text: 'Lära kassan', status: 'in_progress', concernsPlacement: true },
          ],
        },
      },
    );
    const followUp = await client.request(
      'POST',
      `/api/placements/${world.placementIn}/follow-ups`,
      { token: supervisor, body: followUpBody(todayIso(), { notes: 'Går bra', concern: true }) },
    );
    const checkIns = await Promise.all(
      [
        [coach, 'coach'],
        [coach, 'participant'],
        [supervisor, 'supervisor'],
      ].map(([token, rater]) =>
        client.request('POST', `/api/participants/${world.participantIn}/check-ins`, {
          token,
          body: {
            instrumentId: world.instrumentId,
            occasion: 'start',
            rater,
            date: todayIso(),
            scores: { motivation: 3 },
            ladder: 1,
          },
        }),
      ),
    );
    expect([plan.status, followUp.status, ...checkIns.map((c) => c.status)]).toEqual([
      200, 201, 201, 201, 201,
    ]);
  });

  afterAll(async () => t.close());

  it('finds a declared answer on every route whose permission shows case data, for every view it grants', () => {
    const caseRoutes = routes.filter(
      (r) => r.permission !== undefined && grantsCaseData(r.permission),
    );
    expect(caseRoutes.length).toBeGreaterThan(20);
    for (const route of caseRoutes) {
      expect({ route: route.key, declared: route.caseData ?? 'nothing' }).toEqual({
        route: route.key,
        declared: expect.not.stringMatching(/^nothing$/),
      });
      if (route.caseData === 'none' || route.caseData === undefined) continue;
      for (const role of ROLES) {
        const cell = cellOf(role, route.permission as Permission);
        if (!cell || !CASE_DATA_VIEWS.includes(cell.view)) continue;
        expect({
          route: route.key,
          view: cell.view,
          shape: shapeOf(route.caseData, cell.view),
        }).toEqual({ route: route.key, view: cell.view, shape: expect.any(String) });
      }
    }
    // A route that declares case data must have a permission that shows some.
    for (const route of routes.filter((r) => r.caseData !== undefined)) {
      expect({
        route: route.key,
        caseData: grantsCaseData(route.permission as Permission),
      }).toEqual({ route: route.key, caseData: true });
    }
  });

  const cells = Object.keys(CASES).flatMap((key) => ROLES.map((role) => [key, role] as const));

  it.each(cells)('%s as %s', async (key, role) => {
    const route = routes.find((r) => r.key === key);
    const routeCase = CASES[key];
    if (!route?.permission || !routeCase || !grantsCaseData(route.permission)) return;
    const [method] = key.split(' ') as [string];
    const cell = cellOf(role, route.permission);
    const actor = routeCase.freshActor
      ? await factories.loggedIn(client, role, world.scopeOptions[role])
      : { user: { id: world.users[role] }, token: world.tokens[role] };
    const call = await routeCase.inScope(world, { token: actor.token, userId: actor.user.id });
    const reply = await client.request(method, call.path, {
      token: actor.token,
      body: call.body,
      headers: call.headers,
    });

    if (!cell) {
      // Refused: the error says nothing of the record.
      expect(reply.status).toBe(403);
      expect(Object.keys(reply.body as object).filter((f) => !ERROR_FIELDS.includes(f))).toEqual(
        [],
      );
      return;
    }
    expect({ key, status: reply.status }).toEqual({ key, status: expect.any(Number) });
    expect(reply.status).toBeGreaterThanOrEqual(200);
    expect(reply.status).toBeLessThan(300);
    if (route.caseData === 'none' || route.caseData === undefined) return;
    const shape = shapeOf(route.caseData, cell.view);
    expect(shape).toBeDefined();
    expect({ key, role, leaks: leaks(reply.body, shape as string) }).toEqual({
      key,
      role,
      leaks: [],
    });
    const into = new Set<string>();
    visited(reply.body, shape as string, into);
    for (const name of into) seen.add(`${cell.view}:${name}`);
  });

  it('looked into the nested shapes of both views (the seeded data reached them)', () => {
    for (const expected of [
      'full:participant',
      'full:planStep',
      'full:consent',
      'full:placement',
      'full:pause',
      'full:followUpStatus',
      'full:followUp',
      'full:checkIn',
      'full:indicatorProgress',
      'full:timelineEvent',
      'full:timelineData',
      'full:coachingSession',
      'full:sessionAttendance',
      'full:groupSeriesDetail',
      'full:seriesEnrolment',
      'full:seriesMeeting',
      'full:exportPlacement',
      'full:exportFollowUp',
      'full:exportCheckIn',
      'placement:supervisedParticipant',
      'placement:supervisedPlacement',
      'placement:planStep',
      'placement:supervisedPlacementDetail',
      'placement:followUp',
      'placement:checkIn',
      'placement:supervisedActionPlan',
      'placement:supervisedTimelineEvent',
      'placement:supervisedTimelineData',
      'placement:dueFollowUp',
    ]) {
      expect({ expected, seen: seen.has(expected) }).toEqual({ expected, seen: true });
    }
  });
});
