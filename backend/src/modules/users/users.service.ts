import { Injectable } from '@nestjs/common';
import type { Page, Role, User } from '@stegvis/contracts';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Access } from '../../access/decorators';
import { assertRecentlyReauthenticated } from '../../access/reauth';
import { orNotFound } from '../../access/scoping';
import { AuditService, type AuditRecord } from '../../audit/audit.service';
import { decodeCursor, encodeCursor } from '../../common/cursor';
import { FieldValidationException } from '../../common/validation';
import { SessionService } from '../auth/session.service';
import { hashPassword, passwordProblem } from '../auth/passwords';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';
import { ProgrammeEntity } from '../programmes/programme.entity';
import type { CreateUserDto, ListUsersQuery, UpdateUserDto } from './user.dto';
import { ProgrammeMemberEntity, UserEntity } from './user.entity';
import { toUser } from './user.mapper';

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListUsersQuery): Promise<Page<User>> {
    const limit = query.limit ?? 50;
    const qb = this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .orderBy('u.email', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .take(limit + 1);
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.search) {
      qb.andWhere(`(u.email ILIKE :search ESCAPE '\\' OR u.name ILIKE :search ESCAPE '\\')`, {
        search: `%${escapeLike(query.search)}%`,
      });
    }
    const after = decodeCursor(query.cursor, 2);
    if (after) qb.andWhere('(u.email, u.id) > (:email, :id)', { email: after[0], id: after[1] });
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const members = await this.programmeIdsOf(
      this.dataSource.manager,
      page.map((u) => u.id),
    );
    const last = page[page.length - 1];
    return {
      items: page.map((u) => toUser(u, members.get(u.id) ?? [])),
      nextCursor: rows.length > limit && last ? encodeCursor([last.email, last.id]) : null,
    };
  }

  async get(id: string): Promise<User> {
    const user = orNotFound(await this.dataSource.getRepository(UserEntity).findOneBy({ id }));
    const members = await this.programmeIdsOf(this.dataSource.manager, [id]);
    return toUser(user, members.get(id) ?? []);
  }

  /**
   * A new account. The password the admin chose is a one-time password: the new user must choose
   * their own at the first login. Needs a recent re-authentication (it hands out a role).
   */
  async create(dto: CreateUserDto, access: Access, context: AuditContext): Promise<User> {
    const problem = passwordProblem(dto.password, [dto.email, dto.name]);
    if (problem) throw new FieldValidationException({ password: [problem] });
    assertRecentlyReauthenticated(access);
    const passwordHash = await hashPassword(dto.password);
    const id = await this.dataSource.transaction(async (manager) => {
      const enterpriseId = dto.role === 'supervisor' ? (dto.enterpriseId ?? null) : null;
      await this.assertAssignments(manager, dto.role, enterpriseId, dto.programmeIds ?? []);
      const saved = await manager.save(
        manager.create(UserEntity, {
          email: dto.email,
          name: dto.name,
          role: dto.role,
          passwordHash,
          enterpriseId,
          locale: dto.locale ?? 'sv',
          disabledAt: null,
          mustChangePassword: true,
        }),
      );
      await this.setProgrammes(manager, saved.id, dto.programmeIds ?? []);
      await this.audit.write(
        {
          ...auditBase(access, context, 'create', saved.id),
          detail: {
            permission: 'user.create',
            route: context.route,
            before: null,
            after: {
              role: dto.role,
              programmeIds: sorted(dto.programmeIds ?? []),
              enterpriseId,
              disabled: false,
            },
            oneTimePassword: true,
          },
        },
        manager,
      );
      return saved.id;
    });
    return this.get(id);
  }

  /**
   * Edits an account. Rules (issue 12, point 3): an admin cannot change their own role,
   * programmes, enterprise or (here) password; the last active admin is never demoted or
   * disabled; changes of role, programmes, enterprise and password need a recent
   * re-authentication; a password set here is a one-time password and ends the user's sessions.
   * Each change is audited with the state before and after.
   */
  async update(
    id: string,
    dto: UpdateUserDto,
    access: Access,
    context: AuditContext,
  ): Promise<User> {
    const self = id === access.userId;
    let passwordHash: string | undefined;
    if (dto.password !== undefined) {
      if (self) {
        throw new FieldValidationException({
          password: ['Change your own password from your account page.'],
        });
      }
      const problem = passwordProblem(dto.password);
      if (problem) throw new FieldValidationException({ password: [problem] });
      assertRecentlyReauthenticated(access);
      passwordHash = await hashPassword(dto.password);
    }
    await this.dataSource.transaction(async (manager) => {
      // Lock order: the active admins (by id), then the user. Two admins demoting or disabling
      // each other at once queue here, and the second sees the first one's result.
      const activeAdmins =
        dto.role !== undefined || dto.disabled === true
          ? ((await manager.query(
              `SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL
                ORDER BY id FOR UPDATE`,
            )) as { id: string }[])
          : null;
      const user = orNotFound(
        await manager.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } }),
      );
      if (dto.disabled === true && self) {
        throw new FieldValidationException({ disabled: ['You cannot disable your own account.'] });
      }
      const role = dto.role ?? user.role;
      const enterpriseId =
        role === 'supervisor'
          ? dto.enterpriseId !== undefined
            ? dto.enterpriseId
            : user.enterpriseId
          : null;
      const programmesBefore = (await this.programmeIdsOf(manager, [id])).get(id) ?? [];
      const programmeIds = dto.programmeIds ?? programmesBefore;
      const programmesAfter = role === 'coach' || role === 'lead' ? sorted(programmeIds) : [];

      const changed = {
        role: role !== user.role,
        programmeIds: !sameSet(programmesBefore, programmesAfter),
        enterpriseId: enterpriseId !== user.enterpriseId,
      };
      if (self && (changed.role || changed.programmeIds || changed.enterpriseId)) {
        // An admin who could give themselves a coach's role would reach case data.
        const message = 'You cannot change your own role, programmes or enterprise.';
        throw new FieldValidationException(
          Object.fromEntries(
            Object.entries(changed)
              .filter(([, yes]) => yes)
              .map(([field]) => [field, [message]]),
          ),
        );
      }
      await this.assertAssignments(manager, role, enterpriseId, programmeIds);
      if (changed.role || changed.programmeIds || changed.enterpriseId) {
        assertRecentlyReauthenticated(access);
      }

      const disabledAt =
        dto.disabled === undefined
          ? user.disabledAt
          : dto.disabled
            ? (user.disabledAt ?? new Date())
            : null;
      const wasActiveAdmin = user.role === 'admin' && user.disabledAt === null;
      const staysActiveAdmin = role === 'admin' && disabledAt === null;
      if (wasActiveAdmin && !staysActiveAdmin) {
        const others = (activeAdmins ?? []).filter((a) => a.id !== id);
        if (others.length === 0) {
          const message = 'At least one active admin must remain.';
          throw new FieldValidationException(
            changed.role ? { role: [message] } : { disabled: [message] },
          );
        }
      }

      const changes: Partial<UserEntity> = { role, enterpriseId, disabledAt };
      if (dto.name !== undefined) changes.name = dto.name;
      if (passwordHash) {
        changes.passwordHash = passwordHash;
        changes.passwordChangedAt = new Date();
        // Set by someone else: whoever set it knows it, so the owner must choose their own.
        changes.mustChangePassword = true;
      }
      await manager.update(UserEntity, { id }, changes);
      if (changed.programmeIds || changed.role) {
        await this.setProgrammes(manager, id, programmesAfter);
      }
      // Disabling, a reset or a change of role ends the user's sessions at once.
      if (dto.disabled === true || passwordHash || changed.role) {
        await this.sessions.revokeAllOf(manager, id);
      }
      const state = (
        r: string,
        programmes: string[],
        enterprise: string | null,
        disabled: Date | null,
      ) => ({ role: r, programmeIds: programmes, enterpriseId: enterprise, disabled: !!disabled });
      await this.audit.write(
        {
          ...auditBase(access, context, 'update', id),
          detail: {
            permission: 'user.update',
            route: context.route,
            fields: Object.keys(dto).sort(),
            before: state(user.role, sorted(programmesBefore), user.enterpriseId, user.disabledAt),
            after: state(role, programmesAfter, enterpriseId, disabledAt),
            ...(passwordHash && { passwordReset: true }),
          },
        },
        manager,
      );
    });
    return this.get(id);
  }

  private async assertAssignments(
    manager: EntityManager,
    role: Role,
    enterpriseId: string | null,
    programmeIds: string[],
  ): Promise<void> {
    if (role === 'supervisor') {
      if (!enterpriseId) {
        throw new FieldValidationException({
          enterpriseId: ['A supervisor must belong to an enterprise.'],
        });
      }
      if (!(await manager.existsBy(EnterpriseEntity, { id: enterpriseId }))) {
        throw new FieldValidationException({ enterpriseId: ['No such enterprise.'] });
      }
    }
    if (programmeIds.length > 0) {
      if (role !== 'coach' && role !== 'lead') {
        throw new FieldValidationException({
          programmeIds: ['Only coaches and programme leads belong to programmes.'],
        });
      }
      const found = await manager.countBy(ProgrammeEntity, { id: In(programmeIds) });
      if (found !== new Set(programmeIds).size) {
        throw new FieldValidationException({ programmeIds: ['No such programme.'] });
      }
    }
  }

  private async setProgrammes(manager: EntityManager, userId: string, programmeIds: string[]) {
    await manager.delete(ProgrammeMemberEntity, { userId });
    const unique = [...new Set(programmeIds)];
    if (unique.length > 0) {
      await manager.insert(
        ProgrammeMemberEntity,
        unique.map((programmeId) => ({ programmeId, userId })),
      );
    }
  }

  private async programmeIdsOf(
    manager: EntityManager,
    userIds: string[],
  ): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    if (userIds.length === 0) return map;
    const rows = await manager.find(ProgrammeMemberEntity, {
      where: { userId: In(userIds) },
      order: { programmeId: 'ASC' },
    });
    for (const row of rows) map.set(row.userId, [...(map.get(row.userId) ?? []), row.programmeId]);
    return map;
  }
}

/** Where an audited change came from (the controller knows the request). */
export interface AuditContext {
  requestId: string;
  ip: string;
  /** The route as declared, e.g. `PATCH /api/users/:id`. */
  route: string;
}

function auditBase(
  access: Access,
  context: AuditContext,
  action: 'create' | 'update',
  entityId: string,
): AuditRecord {
  return {
    userId: access.userId,
    role: access.role,
    action,
    entity: 'user',
    entityId,
    requestId: context.requestId,
    ip: context.ip,
  };
}

function sorted(ids: string[]): string[] {
  return [...new Set(ids)].sort();
}

function sameSet(a: string[], b: string[]): boolean {
  const x = sorted(a);
  const y = sorted(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
