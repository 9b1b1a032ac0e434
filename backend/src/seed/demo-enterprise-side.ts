import type { EntityManager } from 'typeorm';
import {
  AdviceSessionContactEntity,
  AdviceSessionEntity,
} from '../modules/enterprise-side/advice-session.entity';
import { AgreementEntity } from '../modules/enterprise-side/agreement.entity';
import { EntrepreneurContactEntity } from '../modules/enterprise-side/entrepreneur-contact.entity';
import { EnterpriseEventEntity } from '../modules/enterprise-side/enterprise-event.entity';
import { StartedEnterpriseEntity } from '../modules/enterprise-side/started-enterprise.entity';

/**
 * The demo programme's work with social enterprises (issue 14): meeting places and network
 * events with attendees by sector, agreements between public bodies and the demo enterprises
 * ("3 avtal har slutits", a fourth still a draft), and enterprises started. Counts only.
 */
export async function seedDemoEnterpriseSide(
  manager: EntityManager,
  options: { programmeId: string; enterpriseA: string; enterpriseB: string },
): Promise<void> {
  const { programmeId, enterpriseA, enterpriseB } = options;
  const noGender = {
    attendeesFemale: null,
    attendeesMale: null,
    attendeesOtherGender: null,
    attendeesUndisclosed: null,
  };
  await manager.save(EnterpriseEventEntity, [
    // "40 deltagare: 28 från offentlig sektor, 12 samhällsentreprenörer"
    manager.create(EnterpriseEventEntity, {
      programmeId,
      date: '2026-03-12',
      title: 'Mötesplats socialt företagande (demo)',
      kind: 'meeting_place',
      attendeesTotal: 40,
      attendeesPublicSector: 28,
      attendeesSocialEntrepreneurs: 12,
      attendeesOtherSector: 0,
      attendeesFemale: 27,
      attendeesMale: 13,
      attendeesOtherGender: 0,
      attendeesUndisclosed: 0,
    }),
    manager.create(EnterpriseEventEntity, {
      programmeId,
      date: '2026-05-20',
      title: 'Nätverksträff: sociala företag i Malmö (demo)',
      kind: 'network_meeting',
      attendeesTotal: 18,
      attendeesPublicSector: 6,
      attendeesSocialEntrepreneurs: 10,
      attendeesOtherSector: 2,
      ...noGender,
    }),
    manager.create(EnterpriseEventEntity, {
      programmeId,
      date: '2026-09-17',
      title: 'Workshop: effektmätning för sociala företag (demo)',
      kind: 'enterprise_workshop',
      attendeesTotal: 14,
      attendeesPublicSector: 2,
      attendeesSocialEntrepreneurs: 12,
      attendeesOtherSector: 0,
      attendeesFemale: 10,
      attendeesMale: 4,
      attendeesOtherGender: 0,
      attendeesUndisclosed: 0,
    }),
    // Only a head count was taken.
    manager.create(EnterpriseEventEntity, {
      programmeId,
      date: '2026-10-08',
      title: 'Studiebesök hos Returen Second Hand (demo)',
      kind: 'study_visit',
      attendeesTotal: 11,
      attendeesPublicSector: null,
      attendeesSocialEntrepreneurs: null,
      attendeesOtherSector: null,
      ...noGender,
    }),
  ]);

  await manager.save(AgreementEntity, [
    manager.create(AgreementEntity, {
      programmeId,
      enterpriseId: enterpriseA,
      kind: 'iop',
      counterparty: 'Malmö stad (demo)',
      startDate: '2026-02-15',
      endDate: '2027-12-31',
      workTrainingPlaces: 4,
      status: 'active',
    }),
    manager.create(AgreementEntity, {
      programmeId,
      enterpriseId: enterpriseB,
      kind: 'reserved_contract',
      counterparty: 'Lunds kommun (demo)',
      startDate: '2026-06-01',
      endDate: null,
      workTrainingPlaces: 2,
      status: 'active',
    }),
    manager.create(AgreementEntity, {
      programmeId,
      enterpriseId: enterpriseA,
      kind: 'social_procurement',
      counterparty: 'Region Skåne (demo)',
      startDate: '2026-04-01',
      endDate: '2026-10-31',
      workTrainingPlaces: 1,
      status: 'ended',
    }),
    manager.create(AgreementEntity, {
      programmeId,
      enterpriseId: enterpriseB,
      kind: 'other_cooperation',
      counterparty: 'Trelleborgs kommun (demo)',
      startDate: '2027-01-01',
      endDate: null,
      workTrainingPlaces: 2,
      status: 'draft',
    }),
  ]);

  await manager.save(StartedEnterpriseEntity, [
    manager.create(StartedEnterpriseEntity, {
      programmeId,
      enterpriseId: enterpriseB,
      name: null,
      startedOn: '2026-04-01',
      isAsf: true,
    }),
    // Not yet registered in Stegvis: only its name.
    manager.create(StartedEnterpriseEntity, {
      programmeId,
      enterpriseId: null,
      name: 'Sömnadskooperativet Tråden (demo)',
      startedOn: '2026-09-01',
      isAsf: false,
    }),
  ]);

  // Advice to entrepreneurs: 10 women and 4 men (initials only), some at the demo enterprises,
  // some planning one; business advice, life coaching and a group session each half-year.
  const people: [string, 'female' | 'male', string | null][] = [
    ['A. L.', 'female', enterpriseA],
    ['B. K.', 'female', enterpriseA],
    ['C. M.', 'female', null],
    ['D. H.', 'female', enterpriseB],
    ['E. S.', 'female', null],
    ['F. A.', 'female', null],
    ['G. N.', 'female', enterpriseB],
    ['H. O.', 'female', null],
    ['I. R.', 'female', null],
    ['J. T.', 'female', enterpriseA],
    ['K. P.', 'male', enterpriseB],
    ['L. J.', 'male', null],
    ['M. E.', 'male', null],
    ['N. W.', 'male', enterpriseA],
  ];
  const contacts = await manager.save(
    EntrepreneurContactEntity,
    people.map(([name, gender, enterpriseId]) =>
      manager.create(EntrepreneurContactEntity, { programmeId, name, gender, enterpriseId }),
    ),
  );
  const sessions: [string, AdviceSessionEntity['kind'], number[]][] = [];
  for (const i of contacts.keys()) {
    const kind = i % 4 === 3 ? 'life_coaching' : 'business_advice';
    for (let n = 0; n < 1 + (i % 3); n++) {
      const month = 1 + ((i + 4 * n) % 11);
      sessions.push([`2026-${String(month).padStart(2, '0')}-${10 + (i % 15)}`, kind, [i]]);
    }
  }
  sessions.push(['2026-04-22', 'business_advice', [0, 2, 4, 5, 11]]);
  sessions.push(['2026-10-14', 'other', [1, 3, 6, 12]]);
  for (const [date, kind, who] of sessions) {
    const session = await manager.save(
      manager.create(AdviceSessionEntity, {
        programmeId,
        date,
        kind,
        format: who.length > 1 ? 'group' : 'individual',
        durationMinutes: who.length > 1 ? 120 : 60,
      }),
    );
    await manager.insert(
      AdviceSessionContactEntity,
      who.map((i) => ({ sessionId: session.id, contactId: contacts[i].id })),
    );
  }
}
