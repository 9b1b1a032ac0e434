import type { INestApplication } from '@nestjs/common';
import type { Role } from '@stegvis/contracts';
import { DataSource } from 'typeorm';
import { hashPassword } from '../modules/auth/passwords';
import { EnterpriseEntity, PlaceOfferEntity } from '../modules/enterprises/enterprise.entity';
import { ProgrammeEntity } from '../modules/programmes/programme.entity';
import { toTarget } from '../modules/programmes/programme.mapper';
import { DEFAULT_FOLLOW_UP_CADENCE } from '@stegvis/domain';
import { ProgrammeMemberEntity, UserEntity } from '../modules/users/user.entity';
import { seedDemoCaseRecords } from './demo-case-records';
import { seedDemoEnterpriseSide } from './demo-enterprise-side';
import { seedDemoGroupSeries } from './demo-group-series';

export const DEMO_PASSWORD = 'stegvis-demo';

/**
 * The demo landscape of shared/API.md, seeded once into an empty database when DEMO=true.
 * Everything is marked as demo (the .demo.stegvis.se domain, "(demo)" in names).
 * Returns false when the database already holds users.
 */
export async function seedDemo(app: INestApplication): Promise<boolean> {
  const dataSource = app.get(DataSource);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return dataSource.transaction(async (manager) => {
    // Serialises concurrent starts on the same database.
    await manager.query(`LOCK TABLE users IN EXCLUSIVE MODE`);
    if ((await manager.count(UserEntity)) > 0) return false;

    const [enterpriseA, enterpriseB] = await manager.save(EnterpriseEntity, [
      manager.create(EnterpriseEntity, {
        name: 'Returen Second Hand (demo)',
        orgNumber: '769612-3459',
        municipality: 'Malmö',
        isAsf: true,
        sector: 'Second hand och återbruk',
      }),
      manager.create(EnterpriseEntity, {
        name: 'Café Gemenskap (demo)',
        orgNumber: '802512-3459',
        municipality: 'Lund',
        isAsf: true,
        sector: 'Café och catering',
      }),
    ]);
    // Work-training places offered: Returen 8 this year and 10 from January; Café Gemenskap 4.
    await manager.insert(PlaceOfferEntity, [
      { enterpriseId: enterpriseA.id, places: 8, validFrom: '2026-01-01', validTo: '2026-12-31' },
      { enterpriseId: enterpriseA.id, places: 10, validFrom: '2027-01-01', validTo: null },
      { enterpriseId: enterpriseB.id, places: 4, validFrom: '2026-01-01', validTo: null },
    ]);

    const [stegMotArbete, nyaVagar] = await manager.save(ProgrammeEntity, [
      manager.create(ProgrammeEntity, {
        name: 'Steg mot arbete (demo)',
        periodStart: '2026-01-01',
        periodEnd: '2027-12-31',
        intakeEnd: '2027-06-30',
        // A funder's catalogue: "8–12 kvinnor, 20 deltagare, 10 i placering, 40–60 % kvinnor,
        // 8 till arbete eller studier".
        targets: [
          toTarget({ kind: 'participants', gender: 'female', min: 8, max: 12 }),
          toTarget({ kind: 'participants', value: 20 }),
          toTarget({ kind: 'placements', value: 10 }),
          toTarget({ kind: 'gender_split', min: 40, max: 60 }),
          toTarget({ kind: 'exits_to_work_or_studies', value: 8 }),
          toTarget({ kind: 'sessions_per_participant', value: 6 }),
          // "3 avtal har slutits mellan kommuner och sociala företag (5 var målet)"
          toTarget({ kind: 'agreements_concluded', value: 5 }),
          toTarget({ kind: 'people_advised', value: 10 }),
        ],
        followUpCadence: DEFAULT_FOLLOW_UP_CADENCE,
        suppressionThreshold: 5,
      }),
      manager.create(ProgrammeEntity, {
        name: 'Nya vägar (demo)',
        periodStart: '2026-03-01',
        periodEnd: '2027-02-28',
        intakeEnd: null,
        targets: [
          toTarget({ kind: 'participants', gender: 'female', value: 10 }),
          toTarget({ kind: 'participants', gender: 'male', value: 10 }),
          toTarget({ kind: 'placements', value: 8 }),
          toTarget({ kind: 'exits_to_work_or_studies', unit: 'percent', value: 40 }),
        ],
        followUpCadence: DEFAULT_FOLLOW_UP_CADENCE,
        suppressionThreshold: 5,
      }),
    ]);

    const user = (email: string, name: string, role: Role, enterpriseId: string | null = null) =>
      manager.create(UserEntity, {
        email,
        name,
        role,
        passwordHash,
        enterpriseId,
        locale: 'sv',
        disabledAt: null,
        // The documented demo password (shared/API.md) is theirs to keep: never a one-time one.
        mustChangePassword: false,
      });
    const [, lead, coach, coach2, supervisor, supervisor2] = await manager.save(UserEntity, [
      user('admin@demo.stegvis.se', 'Alva Admin (demo)', 'admin'),
      user('lead@demo.stegvis.se', 'Lena Projektledare (demo)', 'lead'),
      user('coach@demo.stegvis.se', 'Kim Coach (demo)', 'coach'),
      user('coach2@demo.stegvis.se', 'Sam Coach (demo)', 'coach'),
      user('supervisor@demo.stegvis.se', 'Hanna Handledare (demo)', 'supervisor', enterpriseA.id),
      user('supervisor2@demo.stegvis.se', 'Omar Handledare (demo)', 'supervisor', enterpriseB.id),
    ]);
    await manager.insert(ProgrammeMemberEntity, [
      { programmeId: stegMotArbete.id, userId: lead.id },
      { programmeId: stegMotArbete.id, userId: coach.id },
      { programmeId: nyaVagar.id, userId: coach2.id },
    ]);
    if (!supervisor || !supervisor2) throw new Error('demo supervisors missing');
    const enterprises = [
      { id: enterpriseA.id, supervisorId: supervisor.id },
      { id: enterpriseB.id, supervisorId: supervisor2.id },
    ];
    await seedDemoCaseRecords(manager, {
      programmeId: stegMotArbete.id,
      coachId: coach.id,
      enterprises,
      count: 30,
      seed: 2026,
    });
    await seedDemoCaseRecords(manager, {
      programmeId: nyaVagar.id,
      coachId: coach2.id,
      enterprises: [...enterprises].reverse(),
      count: 10,
      seed: 7,
    });
    await seedDemoGroupSeries(manager, { programmeId: stegMotArbete.id, coachId: coach.id });
    await seedDemoEnterpriseSide(manager, {
      programmeId: stegMotArbete.id,
      enterpriseA: enterpriseA.id,
      enterpriseB: enterpriseB.id,
    });
    return true;
  });
}
