import { Injectable } from '@nestjs/common';
import type { AdviceFormat, AdviceSession, EntrepreneurContact, Page } from '@stegvis/contracts';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { Access } from '../../access/decorators';
import { orNotFound, scopeProgrammes } from '../../access/scoping';
import { StaleVersionException } from '../../common/if-match';
import { FieldValidationException } from '../../common/validation';
import { EnterpriseEntity } from '../enterprises/enterprise.entity';
import { AdviceSessionContactEntity, AdviceSessionEntity } from './advice-session.entity';
import type {
  CreateAdviceSessionDto,
  CreateEntrepreneurContactDto,
  UpdateAdviceSessionDto,
  UpdateEntrepreneurContactDto,
} from './advice.dto';
import { EntrepreneurContactEntity } from './entrepreneur-contact.entity';
import { assertProgrammeInScope, StaleRecord } from './programme-scope';

function toContact(e: EntrepreneurContactEntity): EntrepreneurContact {
  return {
    id: e.id,
    programmeId: e.programmeId,
    name: e.name,
    gender: e.gender,
    enterpriseId: e.enterpriseId,
    enterpriseName: e.enterprise?.name ?? null,
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

function toSession(e: AdviceSessionEntity): AdviceSession {
  return {
    id: e.id,
    programmeId: e.programmeId,
    date: e.date,
    kind: e.kind,
    format: e.format,
    durationMinutes: e.durationMinutes,
    contactIds: (e.contacts ?? []).map((c) => c.contactId).sort(),
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

/** Runs `work`; a stale version inside it is answered with the record as it is now. */
async function withStale<T>(work: () => Promise<T>, current: () => Promise<unknown>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StaleRecord)
      throw new StaleVersionException(error.message, await current());
    throw error;
  }
}

@Injectable()
export class EntrepreneurContactsService {
  constructor(private readonly dataSource: DataSource) {}

  private scoped(m: EntityManager, access: Access) {
    return scopeProgrammes(
      m
        .createQueryBuilder(EntrepreneurContactEntity, 'ec')
        .leftJoinAndSelect('ec.enterprise', 'en'),
      'ec.programme_id',
      access,
    );
  }

  private async assertEnterprise(m: EntityManager, enterpriseId: string | null): Promise<void> {
    if (enterpriseId !== null && !(await m.existsBy(EnterpriseEntity, { id: enterpriseId }))) {
      throw new FieldValidationException({ enterpriseId: ['No such enterprise.'] });
    }
  }

  async list(access: Access, programmeId: string): Promise<Page<EntrepreneurContact>> {
    return this.dataSource.transaction(async (m) => {
      await assertProgrammeInScope(m, access, programmeId);
      const rows = await this.scoped(m, access)
        .andWhere('ec.programme_id = :programmeId', { programmeId })
        .orderBy('ec.name')
        .addOrderBy('ec.id')
        .getMany();
      return { items: rows.map(toContact), nextCursor: null };
    });
  }

  async get(access: Access, id: string): Promise<EntrepreneurContact> {
    const row = await this.scoped(this.dataSource.manager, access)
      .andWhere('ec.id = :id', { id })
      .getOne();
    return toContact(orNotFound(row));
  }

  async create(
    access: Access,
    programmeId: string,
    dto: CreateEntrepreneurContactDto,
  ): Promise<EntrepreneurContact> {
    const saved = await this.dataSource.transaction(async (m) => {
      await assertProgrammeInScope(m, access, programmeId);
      await this.assertEnterprise(m, dto.enterpriseId ?? null);
      return m.save(
        m.create(EntrepreneurContactEntity, {
          programmeId,
          name: dto.name,
          gender: dto.gender,
          enterpriseId: dto.enterpriseId ?? null,
        }),
      );
    });
    return this.get(access, saved.id);
  }

  private locked(m: EntityManager, access: Access, id: string) {
    return this.scoped(m, access)
      .andWhere('ec.id = :id', { id })
      .setLock('pessimistic_write', undefined, ['ec'])
      .getOne();
  }

  async update(
    access: Access,
    id: string,
    dto: UpdateEntrepreneurContactDto,
    ifMatch: number | null,
  ): Promise<EntrepreneurContact> {
    await withStale(
      () =>
        this.dataSource.transaction(async (m) => {
          const current = orNotFound(await this.locked(m, access, id));
          if (ifMatch !== null && ifMatch !== current.version) throw new StaleRecord('contact');
          const enterpriseId =
            dto.enterpriseId === undefined ? current.enterpriseId : dto.enterpriseId;
          await this.assertEnterprise(m, enterpriseId);
          await m.update(
            EntrepreneurContactEntity,
            { id },
            {
              name: dto.name ?? current.name,
              gender: dto.gender ?? current.gender,
              enterpriseId,
              version: current.version + 1,
            },
          );
        }),
      () => this.get(access, id),
    );
    return this.get(access, id);
  }

  /** Removes the contact and their part in sessions; the sessions stay, counted by kind. */
  async delete(access: Access, id: string, ifMatch: number | null): Promise<void> {
    await withStale(
      () =>
        this.dataSource.transaction(async (m) => {
          const current = orNotFound(await this.locked(m, access, id));
          if (ifMatch !== null && ifMatch !== current.version) throw new StaleRecord('contact');
          await m.delete(EntrepreneurContactEntity, { id });
        }),
      () => this.get(access, id),
    );
  }
}

@Injectable()
export class AdviceSessionsService {
  constructor(private readonly dataSource: DataSource) {}

  private scoped(m: EntityManager, access: Access) {
    return scopeProgrammes(
      m.createQueryBuilder(AdviceSessionEntity, 'asn').leftJoinAndSelect('asn.contacts', 'asc'),
      'asn.programme_id',
      access,
    );
  }

  /** One contact when individual; every contact of the session's programme (else 400). */
  private async assertContacts(
    m: EntityManager,
    programmeId: string,
    format: AdviceFormat,
    contactIds: readonly string[],
  ): Promise<void> {
    if (format === 'individual' && contactIds.length !== 1) {
      throw new FieldValidationException({
        contactIds: ['An individual session advises one person: give one contact.'],
      });
    }
    const found = await m.find(EntrepreneurContactEntity, {
      select: { id: true },
      where: { id: In([...contactIds]), programmeId },
    });
    const known = new Set(found.map((c) => c.id));
    const missing = contactIds.findIndex((id) => !known.has(id));
    if (missing >= 0) {
      throw new FieldValidationException({
        [`contactIds[${missing}]`]: ['No such contact in this programme.'],
      });
    }
  }

  async list(access: Access, programmeId: string): Promise<Page<AdviceSession>> {
    return this.dataSource.transaction(async (m) => {
      await assertProgrammeInScope(m, access, programmeId);
      const rows = await this.scoped(m, access)
        .andWhere('asn.programme_id = :programmeId', { programmeId })
        .orderBy('asn.date', 'DESC')
        .addOrderBy('asn.id')
        .getMany();
      return { items: rows.map(toSession), nextCursor: null };
    });
  }

  async get(access: Access, id: string): Promise<AdviceSession> {
    const row = await this.scoped(this.dataSource.manager, access)
      .andWhere('asn.id = :id', { id })
      .getOne();
    return toSession(orNotFound(row));
  }

  async create(
    access: Access,
    programmeId: string,
    dto: CreateAdviceSessionDto,
  ): Promise<AdviceSession> {
    const saved = await this.dataSource.transaction(async (m) => {
      await assertProgrammeInScope(m, access, programmeId);
      await this.assertContacts(m, programmeId, dto.format, dto.contactIds);
      const session = await m.save(
        m.create(AdviceSessionEntity, {
          programmeId,
          date: dto.date,
          kind: dto.kind,
          format: dto.format,
          durationMinutes: dto.durationMinutes,
        }),
      );
      await m.insert(
        AdviceSessionContactEntity,
        dto.contactIds.map((contactId) => ({ sessionId: session.id, contactId })),
      );
      return session;
    });
    return this.get(access, saved.id);
  }

  private locked(m: EntityManager, access: Access, id: string) {
    return scopeProgrammes(
      m.createQueryBuilder(AdviceSessionEntity, 'asn'),
      'asn.programme_id',
      access,
    )
      .andWhere('asn.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  async update(
    access: Access,
    id: string,
    dto: UpdateAdviceSessionDto,
    ifMatch: number | null,
  ): Promise<AdviceSession> {
    await withStale(
      () =>
        this.dataSource.transaction(async (m) => {
          const current = orNotFound(await this.locked(m, access, id));
          if (ifMatch !== null && ifMatch !== current.version) throw new StaleRecord('session');
          const format = dto.format ?? current.format;
          const contactIds =
            dto.contactIds ??
            (await m.findBy(AdviceSessionContactEntity, { sessionId: id })).map((c) => c.contactId);
          await this.assertContacts(m, current.programmeId, format, contactIds);
          await m.update(
            AdviceSessionEntity,
            { id },
            {
              date: dto.date ?? current.date,
              kind: dto.kind ?? current.kind,
              format,
              durationMinutes: dto.durationMinutes ?? current.durationMinutes,
              version: current.version + 1,
            },
          );
          if (dto.contactIds) {
            await m.delete(AdviceSessionContactEntity, { sessionId: id });
            await m.insert(
              AdviceSessionContactEntity,
              dto.contactIds.map((contactId) => ({ sessionId: id, contactId })),
            );
          }
        }),
      () => this.get(access, id),
    );
    return this.get(access, id);
  }

  async delete(access: Access, id: string, ifMatch: number | null): Promise<void> {
    await withStale(
      () =>
        this.dataSource.transaction(async (m) => {
          const current = orNotFound(await this.locked(m, access, id));
          if (ifMatch !== null && ifMatch !== current.version) throw new StaleRecord('session');
          await m.delete(AdviceSessionEntity, { id });
        }),
      () => this.get(access, id),
    );
  }
}
