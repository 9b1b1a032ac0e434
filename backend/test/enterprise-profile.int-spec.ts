import type { ApiError, Enterprise, EnterpriseCapacity, Page } from '@stegvis/contracts';
import { Factories } from './support/factories';
import { Client, startTestApp, type TestApp } from './support/test-app';

/**
 * The enterprise profile through HTTP (issue 14 part 2): sector, work-training places offered by
 * date range (replaced as a list, never overlapping; 400 naming the field, nothing saved), and
 * capacity — places offered against work-training and internship placements under way that day.
 */
describe('enterprise profile and capacity through HTTP', () => {
  let t: TestApp;
  let client: Client;
  let factories: Factories;

  beforeAll(async () => {
    t = await startTestApp();
    client = new Client(t.baseUrl);
    factories = new Factories(t.dataSource);
  });
  afterAll(async () => t.close());

  const call = <T>(method: string, path: string, token: string, body?: unknown) =>
    client.request<T & ApiError>(method, path, { token, body });

  it('keeps a sector and the places offered by period; refuses overlaps and saves nothing', async () => {
    const admin = (await factories.loggedIn(client, 'admin')).token;
    const enterprise = await factories.enterprise();
    const path = `/api/enterprises/${enterprise.id}`;
    const offers = [
      { from: '2026-07-01', to: null, places: 4 },
      { from: '2026-01-01', to: '2026-06-30', places: 3 },
    ];
    const changed = await call<Enterprise>('PATCH', path, admin, {
      sector: 'Second hand',
      placeOffers: offers,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      sector: 'Second hand',
      placeOffers: [offers[1], offers[0]],
    });

    const refused: [object[], string][] = [
      [
        [
          { from: '2026-01-01', to: '2026-06-30', places: 3 },
          { from: '2026-06-01', to: null, places: 2 },
        ],
        'placeOffers.1.from',
      ],
      [[{ from: '2026-05-01', to: '2026-04-01', places: 3 }], 'placeOffers.0.to'],
      [[{ from: '2026-05-01', to: null, places: -1 }], 'placeOffers.0.places'],
      [[{ from: '2026-05-01', to: null, places: 2.5 }], 'placeOffers.0.places'],
      [[{ from: '2026-02-30', to: null, places: 2 }], 'placeOffers.0.from'],
    ];
    for (const [placeOffers, field] of refused) {
      const res = await call('PATCH', path, admin, { sector: 'Café', placeOffers });
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(Object.keys(res.body.fields ?? {})).toContain(field);
    }
    const after = await call<Enterprise>('GET', path, admin);
    expect(after.body).toMatchObject({
      sector: 'Second hand',
      placeOffers: [offers[1], offers[0]],
    });

    // `to` may be left out (PlaceOfferInput): the offer then runs until further notice.
    const open = await call<Enterprise>('PATCH', path, admin, {
      placeOffers: [{ from: '2026-09-01', places: 4 }],
    });
    expect(open.status).toBe(200);
    expect(open.body.placeOffers).toEqual([{ from: '2026-09-01', to: null, places: 4 }]);

    // Only admins change an enterprise.
    const coach = (await factories.loggedIn(client, 'coach')).token;
    expect((await call('PATCH', path, coach, { sector: 'Café' })).status).toBe(403);
  });

  it('counts places in use from the placements under way that day, any programme', async () => {
    const [a, b] = [await factories.programme(), await factories.programme()];
    const x = await factories.enterprise({ name: 'Kapacitet X' });
    const y = await factories.enterprise({ name: 'Kapacitet Y' });
    const admin = (await factories.loggedIn(client, 'admin')).token;
    await call('PATCH', `/api/enterprises/${x.id}`, admin, {
      placeOffers: [
        { from: '2026-01-01', to: '2026-06-30', places: 3 },
        { from: '2026-07-01', to: null, places: 5 },
      ],
    });
    const person = async (programmeId: string) => (await factories.participant(programmeId)).id;
    // On 1 March: work training in A (since 2 Feb) and an internship in B (since 16 Feb) are
    // under way; an internship that ended 15 February, subsidised employment (not a training
    // place), a planned placement and one starting in April are not.
    await factories.placement(await person(a.id), x.id, [], { startDate: '2026-02-02' });
    await factories.placement(await person(b.id), x.id, [], {
      kind: 'internship',
      startDate: '2026-02-16',
      status: 'paused',
    });
    await factories.placement(await person(a.id), x.id, [], {
      kind: 'internship',
      startDate: '2026-01-10',
      actualEndDate: '2026-02-15',
      status: 'ended',
    });
    await factories.placement(await person(a.id), x.id, [], {
      kind: 'subsidised_employment',
      startDate: '2026-01-10',
    });
    await factories.placement(await person(a.id), x.id, [], {
      startDate: '2026-02-20',
      status: 'planned',
    });
    await factories.placement(await person(a.id), x.id, [], { startDate: '2026-04-01' });

    const lead = (await factories.loggedIn(client, 'lead', { programmeIds: [a.id] })).token;
    const on = async (token: string, date: string) =>
      (await call<Page<EnterpriseCapacity>>('GET', `/api/enterprises/capacity?date=${date}`, token))
        .body.items;
    const march = await on(lead, '2026-03-01');
    expect(march.find((e) => e.id === x.id)).toMatchObject({ placesOffered: 3, placesInUse: 2 });
    expect(march.find((e) => e.id === y.id)).toMatchObject({ placesOffered: null, placesInUse: 0 });
    const august = await on(lead, '2026-08-01');
    expect(august.find((e) => e.id === x.id)).toMatchObject({ placesOffered: 5, placesInUse: 3 });

    // A supervisor sees their own enterprise only.
    const supervisor = (await factories.loggedIn(client, 'supervisor', { enterpriseId: y.id }))
      .token;
    expect((await on(supervisor, '2026-03-01')).map((e) => e.id)).toEqual([y.id]);
    expect((await call('GET', '/api/enterprises/capacity?date=2026-13-01', lead)).status).toBe(400);
  });
});
