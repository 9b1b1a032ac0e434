import { Injectable } from '@nestjs/common';
import type { Page, Role, User } from '@stegvis/contracts';
import { DataSource, EntityManager, In } from 'typeorm';
import { orNotFound } from '../../access/scoping';
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

  async create(dto: CreateUserDto): Promise<User> {
    const problem = passwordProblem(dto.password, [dto.email, dto.name]);
    if (problem) throw new FieldValidationException({ password: [problem] });
    const passwordHash = await hashPassword(dto.password);
    const id = await this.dataSource.transaction(async (manager) => {
      await this.assertAssignments(
        manager,
        dto.role,
        dto.enterpriseId ?? null,
        dto.programmeIds ?? [],
      );
      const saved = await manager.save(
        manager.create(UserEntity, {
          email: dto.email,
          name: dto.name,
          role: dto.role,
          passwordHash,
          enterpriseId: dto.role === 'supervisor' ? (dto.enterpriseId ?? null) : null,
          locale: dto.locale ?? 'sv',
          disabledAt: null,
        }),
      );
      await this.setProgrammes(manager, saved.id, dto.programmeIds ?? []);
      return saved.id;
    });
    return this.get(id);
  }

  async update(id: string, dto: UpdateUserDto, actingUserId: string): Promise<User> {
    const passwordHash =
      dto.password !== undefined ? await this.checkedHash(dto.password) : undefined;
    await this.dataSource.transaction(async (manager) => {
      const user = orNotFound(
        await manager.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } }),
      );
      if (dto.disabled === true && id === actingUserId) {
        throw new FieldValidationException({ disabled: ['You cannot disable your own account.'] });
      }
      const role = dto.role ?? user.role;
      const enterpriseId =
        role === 'supervisor'
          ? dto.enterpriseId !== undefined
            ? dto.enterpriseId
            : user.enterpriseId
          : null;
      const programmeIds =
        dto.programmeIds ?? (await this.programmeIdsOf(manager, [id])).get(id) ?? [];
      await this.assertAssignments(manager, role, enterpriseId, programmeIds);

      const changes: Partial<UserEntity> = { role, enterpriseId };
      if (dto.name !== undefined) changes.name = dto.name;
      if (dto.disabled !== undefined)
        changes.disabledAt = dto.disabled ? (user.disabledAt ?? new Date()) : null;
      if (passwordHash) {
        changes.passwordHash = passwordHash;
        changes.passwordChangedAt = new Date();
      }
      await manager.update(UserEntity, { id }, changes);
      if (dto.programmeIds !== undefined || role !== user.role) {
        await this.setProgrammes(
          manager,
          id,
          role === 'coach' || role === 'lead' ? programmeIds : [],
        );
      }
      // Disabling, a reset or a change of role ends the user's sessions at once.
      if (dto.disabled === true || passwordHash || role !== user.role) {
        await this.sessions.revokeAllOf(manager, id);
      }
    });
    return this.get(id);
  }

  private async checkedHash(password: string): Promise<string> {
    const problem = passwordProblem(password);
    if (problem) throw new FieldValidationException({ password: [problem] });
    return hashPassword(password);
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

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
