import type { Role } from '@stegvis/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../src/modules/auth/passwords';
import { EnterpriseEntity } from '../../src/modules/enterprises/enterprise.entity';
import { ProgrammeEntity } from '../../src/modules/programmes/programme.entity';
import { toTarget } from '../../src/modules/programmes/programme.mapper';
import { DEFAULT_FOLLOW_UP_CADENCE } from '@stegvis/domain';
import { ProgrammeMemberEntity, UserEntity } from '../../src/modules/users/user.entity';
import { ParticipantEntity } from '../../src/modules/participants/participant.entity';
import {
  PlacementEntity,
  PlacementSupervisorEntity,
} from '../../src/modules/placements/placement.entity';
import {
  CoachingSessionEntity,
  SessionAttendanceEntity,
} from '../../src/modules/coaching-sessions/coaching-session.entity';
import { InstrumentEntity } from '../../src/modules/check-ins/check-in.entity';
import { Client, uniqueEmail } from './test-app';

export const TEST_PASSWORD = 'correct horse battery staple 42';
let passwordHash: Promise<string> | undefined;

/** Data that a test needs and is not itself testing, written straight to the database. */
export class Factories {
  constructor(readonly dataSource: DataSource) {}

  async programme(overrides: Partial<ProgrammeEntity> = {}): Promise<ProgrammeEntity> {
    const repo = this.dataSource.getRepository(ProgrammeEntity);
    return repo.save(
      repo.create({
        name: `Programme ${randomUUID().slice(0, 6)}`,
        periodStart: '2026-01-01',
        periodEnd: '2027-12-31',
        intakeEnd: null,
        targets: [
          toTarget({ kind: 'participants', gender: 'female', value: 10 }),
          toTarget({ kind: 'participants', gender: 'male', value: 10 }),
          toTarget({ kind: 'placements', value: 5 }),
          toTarget({ kind: 'sessions_per_participant', value: 8 }),
        ],
        followUpCadence: DEFAULT_FOLLOW_UP_CADENCE,
        suppressionThreshold: 5,
        ...overrides,
      }),
    );
  }

  async enterprise(overrides: Partial<EnterpriseEntity> = {}): Promise<EnterpriseEntity> {
    const repo = this.dataSource.getRepository(EnterpriseEntity);
    return repo.save(
      repo.create({
        name: `Enterprise ${randomUUID().slice(0, 6)}`,
        orgNumber: randomOrgNumber(),
        municipality: 'Malmö',
        isAsf: true,
        ...overrides,
      }),
    );
  }

  async user(
    role: Role,
    options: { programmeIds?: string[]; enterpriseId?: string; disabled?: boolean } = {},
  ): Promise<UserEntity> {
    passwordHash ??= hashPassword(TEST_PASSWORD);
    const repo = this.dataSource.getRepository(UserEntity);
    const user = await repo.save(
      repo.create({
        email: uniqueEmail(role),
        name: `Test ${role}`,
        role,
        passwordHash: await passwordHash,
        enterpriseId: options.enterpriseId ?? null,
        locale: 'sv',
        disabledAt: options.disabled ? new Date() : null,
      }),
    );
    if (options.programmeIds?.length) {
      await this.dataSource
        .getRepository(ProgrammeMemberEntity)
        .insert(options.programmeIds.map((programmeId) => ({ programmeId, userId: user.id })));
    }
    return user;
  }

  /** A consenting participant with a name, written straight to the database. */
  async participant(
    programmeId: string,
    overrides: Partial<ParticipantEntity> = {},
  ): Promise<ParticipantEntity> {
    const repo = this.dataSource.getRepository(ParticipantEntity);
    // The start month follows the enrolment day, else 1 January of a given start year.
    const startMonth = overrides.enrolledAt
      ? `${overrides.enrolledAt.slice(0, 7)}-01`
      : overrides.startYear !== undefined
        ? `${overrides.startYear}-01-01`
        : '2026-02-01';
    return repo.save(
      repo.create({
        programmeId,
        status: 'active',
        gender: 'female',
        startYear: 2026,
        startMonth,
        firstName: 'Test',
        lastName: `Deltagare ${randomUUID().slice(0, 6)}`,
        personnummer: null,
        birthYear: 1990,
        municipality: 'Malmö',
        education: 'upper_secondary',
        referredBy: 'municipality',
        protectedIdentity: false,
        responsibleCoachId: null,
        enrolledAt: '2026-02-01',
        consentGiven: true,
        consentDate: '2026-02-01',
        consentFormVersion: 'v1',
        consentWithdrawnAt: null,
        startSnapshot: null,
        exitSnapshot: null,
        exitedAt: null,
        exitReason: null,
        reducedAt: null,
        erasedAt: null,
        erasureReason: null,
        ...overrides,
      }),
    );
  }

  async placement(
    participantId: string,
    enterpriseId: string,
    supervisorIds: string[] = [],
    overrides: Partial<PlacementEntity> = {},
  ): Promise<PlacementEntity> {
    const repo = this.dataSource.getRepository(PlacementEntity);
    const placement = await repo.save(
      repo.create({
        participantId,
        enterpriseId,
        kind: 'work_training',
        startDate: '2026-03-02',
        plannedEndDate: '2026-09-30',
        actualEndDate: null,
        hoursPerWeek: '20',
        status: 'active',
        endReason: null,
        pauses: [],
        ...overrides,
      }),
    );
    if (supervisorIds.length > 0) {
      await this.dataSource
        .getRepository(PlacementSupervisorEntity)
        .insert(supervisorIds.map((userId) => ({ placementId: placement.id, userId })));
    }
    return placement;
  }

  async session(
    programmeId: string,
    coachId: string,
    participantIds: string[],
    overrides: Partial<CoachingSessionEntity> = {},
  ): Promise<CoachingSessionEntity> {
    const repo = this.dataSource.getRepository(CoachingSessionEntity);
    const session = await repo.save(
      repo.create({
        programmeId,
        coachId,
        at: new Date('2026-03-10T09:00:00Z'),
        durationMinutes: 60,
        kind: participantIds.length > 1 ? 'group_workshop' : 'individual_coaching',
        mode: 'on_site',
        notes: 'Anteckning',
        ...overrides,
      }),
    );
    await this.dataSource.getRepository(SessionAttendanceEntity).insert(
      participantIds.map((participantId) => ({
        sessionId: session.id,
        participantId,
        attendance: 'attended' as const,
      })),
    );
    return session;
  }

  async defaultInstrumentId(): Promise<string> {
    const instrument = await this.dataSource
      .getRepository(InstrumentEntity)
      .findOneByOrFail({ key: 'stegvis', version: 1 });
    return instrument.id;
  }

  /** A user of the role, logged in through the API; returns the bearer token. */
  async loggedIn(
    client: Client,
    role: Role,
    options: { programmeIds?: string[]; enterpriseId?: string } = {},
  ): Promise<{ user: UserEntity; token: string }> {
    const user = await this.user(role, options);
    const reply = await client.login(user.email, TEST_PASSWORD);
    if (reply.status !== 200) throw new Error(`login as ${role} failed: ${reply.status}`);
    return { user, token: reply.body.accessToken };
  }
}

/** A random, Luhn-valid Swedish organisation number. */
export function randomOrgNumber(): string {
  const digits = Array.from({ length: 9 }, (_, i) =>
    i === 0 ? 5 : Math.floor(Math.random() * 10),
  );
  for (let check = 0; check < 10; check++) {
    const all = [...digits, check];
    const sum = all.reduce((acc, d, i) => {
      const v = i % 2 === 0 ? d * 2 : d;
      return acc + (v > 9 ? v - 9 : v);
    }, 0);
    if (sum % 10 === 0) return `${all.slice(0, 6).join('')}-${all.slice(6).join('')}`;
  }
  throw new Error('unreachable');
}

/** The token's user enters their password again (POST /api/auth/reauth), as an admin must first. */
export async function reauthenticate(
  client: Client,
  token: string,
  password = TEST_PASSWORD,
): Promise<void> {
  const reply = await client.request('POST', '/api/auth/reauth', { token, body: { password } });
  if (reply.status !== 204) throw new Error(`re-authentication failed: ${reply.status}`);
}

/**
 * An account an admin made through the API starts with a one-time password: log in with it and
 * choose TEST_PASSWORD, as its owner would at the first login.
 */
export async function chooseOwnPassword(
  client: Client,
  email: string,
  oneTimePassword: string,
): Promise<void> {
  const login = await client.login(email, oneTimePassword);
  if (login.status !== 200) throw new Error(`login ${email} answered ${login.status}`);
  const reply = await client.request('POST', '/api/me/password', {
    token: login.body.accessToken,
    body: { currentPassword: oneTimePassword, newPassword: TEST_PASSWORD },
  });
  if (reply.status !== 204) throw new Error(`password change answered ${reply.status}`);
}
