import type { Role } from '@stegvis/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../src/modules/auth/passwords';
import { EnterpriseEntity } from '../../src/modules/enterprises/enterprise.entity';
import { DEFAULT_CADENCE, ProgrammeEntity } from '../../src/modules/programmes/programme.entity';
import { ProgrammeMemberEntity, UserEntity } from '../../src/modules/users/user.entity';
import { Client, uniqueEmail } from './test-app';

export const TEST_PASSWORD = 'correct horse battery staple 42';
let passwordHash: Promise<string> | undefined;

/** Data that a test needs and is not itself testing, written straight to the database. */
export class Factories {
  constructor(private readonly dataSource: DataSource) {}

  async programme(overrides: Partial<ProgrammeEntity> = {}): Promise<ProgrammeEntity> {
    const repo = this.dataSource.getRepository(ProgrammeEntity);
    return repo.save(
      repo.create({
        name: `Programme ${randomUUID().slice(0, 6)}`,
        periodStart: '2026-01-01',
        periodEnd: '2027-12-31',
        intakeEnd: null,
        targets: {
          plannedParticipants: { female: 10, male: 10 },
          placements: 5,
          sessionsPerParticipant: 8,
          genderSplit: null,
        },
        followUpCadence: DEFAULT_CADENCE,
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
