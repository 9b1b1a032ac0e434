import { ForbiddenException, Injectable } from '@nestjs/common';
import type { CoachingSession, Page, SessionKind } from '@stegvis/contracts';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Access } from '../../access/decorators';
import { orNotFound, scopeParticipants, scopeProgrammes } from '../../access/scoping';
import { decodeCursor, encodeCursor } from '../../common/cursor';
import { FieldValidationException } from '../../common/validation';
import { ParticipantEntity } from '../participants/participant.entity';
import type {
  CreateCoachingSessionDto,
  ListCoachingSessionsQuery,
  SessionAttendanceDto,
  UpdateCoachingSessionDto,
} from './coaching-session.dto';
import { CoachingSessionEntity, SessionAttendanceEntity } from './coaching-session.entity';
import { toCoachingSession } from './coaching-session.mapper';
import { attendanceListProblems } from './coaching-session.rules';

/** Days in list filters are Swedish calendar days. */
export const PROGRAMME_TIME_ZONE = 'Europe/Stockholm';

@Injectable()
export class CoachingSessionsService {
  constructor(private readonly dataSource: DataSource) {}

  private scoped(manager: EntityManager, access: Access) {
    return scopeProgrammes(
      manager.createQueryBuilder(CoachingSessionEntity, 's'),
      's.programmeId',
      access,
    );
  }

  async list(access: Access, query: ListCoachingSessionsQuery): Promise<Page<CoachingSession>> {
    if (query.from && query.to && query.from > query.to) {
      throw new FieldValidationException({ to: ['to must be on or after from.'] });
    }
    const limit = query.limit ?? 50;
    const qb = this.scoped(this.dataSource.manager, access)
      .orderBy('s.at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .take(limit + 1);
    if (query.participantId) {
      // session_attendances_participant_idx
      qb.andWhere(
        's.id IN (SELECT fa.session_id FROM session_attendances fa WHERE fa.participant_id = :participantId)',
        { participantId: query.participantId.toLowerCase() },
      );
    }
    if (query.group !== undefined) {
      // A group session: a workshop, or any kind with more than one person booked.
      const isGroup = `(s.kind = 'group_workshop' OR (SELECT count(*) FROM session_attendances ga WHERE ga.session_id = s.id) > 1)`;
      qb.andWhere(query.group ? isGroup : `NOT ${isGroup}`);
    }
    if (query.coachId)
      qb.andWhere('s.coachId = :coachId', { coachId: query.coachId.toLowerCase() });
    // Bounds as instants, so the (programme_id, at) and (coach_id, at) indexes serve the range.
    if (query.from) {
      qb.andWhere(
        `s.at >= (CAST(:from AS date)::timestamp AT TIME ZONE '${PROGRAMME_TIME_ZONE}')`,
        {
          from: query.from,
        },
      );
    }
    if (query.to) {
      qb.andWhere(
        `s.at < ((CAST(:to AS date) + 1)::timestamp AT TIME ZONE '${PROGRAMME_TIME_ZONE}')`,
        { to: query.to },
      );
    }
    const after = decodeCursor(query.cursor, 2);
    if (after) {
      qb.andWhere('(s.at, s.id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))', {
        afterAt: after[0],
        afterId: after[1],
      });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const attendances = await this.attendancesOf(
      this.dataSource.manager,
      page.map((s) => s.id),
    );
    const last = page[page.length - 1];
    return {
      items: page.map((s) => toCoachingSession(s, attendances.get(s.id) ?? [])),
      nextCursor:
        rows.length > limit && last ? encodeCursor([last.at.toISOString(), last.id]) : null,
    };
  }

  async get(access: Access, id: string): Promise<CoachingSession> {
    return this.load(this.dataSource.manager, access, id);
  }

  private async load(manager: EntityManager, access: Access, id: string): Promise<CoachingSession> {
    const session = orNotFound(
      await this.scoped(manager, access).andWhere('s.id = :id', { id }).getOne(),
    );
    const attendances = await this.attendancesOf(manager, [id]);
    return toCoachingSession(session, attendances.get(id) ?? []);
  }

  async create(access: Access, dto: CreateCoachingSessionDto): Promise<CoachingSession> {
    this.checkAttendanceList(dto.kind, dto.participants);
    return this.dataSource.transaction(async (m) => {
      const programmeId = await this.programmeOf(m, access, dto.participants);
      const session = await m.save(
        m.create(CoachingSessionEntity, {
          programmeId,
          at: new Date(dto.at),
          durationMinutes: dto.durationMinutes,
          kind: dto.kind,
          mode: dto.mode,
          coachId: access.userId,
          notes: dto.notes ?? null,
        }),
      );
      await this.insertAttendances(m, session.id, dto.participants);
      return this.load(m, access, session.id);
    });
  }

  /** Only the coach who logged a session changes it; another coach of the programme gets 403. */
  async update(
    access: Access,
    id: string,
    dto: UpdateCoachingSessionDto,
  ): Promise<CoachingSession> {
    const nulls = (['at', 'durationMinutes', 'kind', 'mode', 'participants'] as const).filter(
      (field) => dto[field] === null,
    );
    if (nulls.length > 0) {
      throw new FieldValidationException(
        Object.fromEntries(nulls.map((field) => [field, [`${field} cannot be empty.`]])),
      );
    }
    return this.dataSource.transaction(async (m) => {
      const session = orNotFound(
        await this.scoped(m, access)
          .andWhere('s.id = :id', { id })
          .setLock('pessimistic_write')
          .getOne(),
      );
      if (session.coachId !== access.userId) {
        throw new ForbiddenException(
          'Only the coach who logged this session can change it. Ask them, or log a session of your own.',
        );
      }
      if (session.seriesId !== null) {
        // A series meeting's day and attendance follow the series' enrolment rule: changed there.
        const refused = (['at', 'kind', 'participants'] as const).filter(
          (field) => dto[field] !== undefined,
        );
        if (refused.length > 0) {
          throw new FieldValidationException(
            Object.fromEntries(
              refused.map((field) => [
                field,
                [
                  `This session is a meeting of a group series: its ${field} is kept by the series (PUT /api/group-series/${session.seriesId}/meetings/${id}/attendance for attendance).`,
                ],
              ]),
            ),
          );
        }
      }
      const kind = dto.kind ?? session.kind;
      if (dto.participants) {
        this.checkAttendanceList(kind, dto.participants);
        const programmeId = await this.programmeOf(m, access, dto.participants);
        if (programmeId !== session.programmeId) {
          throw new FieldValidationException({
            participants: ["The participants must belong to the session's programme."],
          });
        }
      } else if (dto.kind !== undefined) {
        const current = await m.findBy(SessionAttendanceEntity, { sessionId: id });
        this.checkAttendanceList(
          kind,
          current.map((a) => ({ participantId: a.participantId, attendance: a.attendance })),
        );
      }
      await m
        .createQueryBuilder()
        .update(CoachingSessionEntity)
        .set({
          ...(dto.at !== undefined && { at: new Date(dto.at) }),
          ...(dto.durationMinutes !== undefined && { durationMinutes: dto.durationMinutes }),
          ...(dto.kind !== undefined && { kind: dto.kind }),
          ...(dto.mode !== undefined && { mode: dto.mode }),
          ...(dto.notes !== undefined && { notes: dto.notes }),
          updatedAt: () => 'now()',
        })
        .where('id = :id', { id })
        .execute();
      if (dto.participants) {
        await m.delete(SessionAttendanceEntity, { sessionId: id });
        await this.insertAttendances(m, id, dto.participants);
      }
      return this.load(m, access, id);
    });
  }

  private checkAttendanceList(kind: SessionKind, participants: SessionAttendanceDto[]): void {
    const problems = attendanceListProblems(
      kind,
      participants.map((p) => p.participantId),
    );
    if (Object.keys(problems).length > 0) throw new FieldValidationException(problems);
  }

  /**
   * The one programme of the listed participants. A participant outside the caller's scope (or
   * erased) gets the same field error as an id that does not exist; a reduced one is refused.
   */
  private async programmeOf(
    manager: EntityManager,
    access: Access,
    participants: SessionAttendanceDto[],
  ): Promise<string> {
    const ids = participants.map((p) => p.participantId.toLowerCase());
    const qb = manager
      .createQueryBuilder(ParticipantEntity, 'p')
      .select(['p.id', 'p.programmeId', 'p.reducedAt'])
      .where('p.id IN (:...ids)', { ids });
    const rows = await scopeParticipants(qb, 'p', access).getMany();
    const found = new Map(rows.map((p) => [p.id, p.programmeId]));
    const reduced = new Set(rows.filter((p) => p.reducedAt !== null).map((p) => p.id));
    const problems: Record<string, string[]> = {};
    ids.forEach((id, index) => {
      if (!found.has(id)) {
        problems[`participants.${index}.participantId`] = ['No such participant.'];
      } else if (reduced.has(id)) {
        // A reduced record keeps no case data, attendance included (DOMAIN.md).
        problems[`participants.${index}.participantId`] = [
          'The participant’s record is reduced: no attendance can be recorded for them.',
        ];
      }
    });
    if (Object.keys(problems).length > 0) throw new FieldValidationException(problems);
    const programmes = new Set(found.values());
    const [programmeId] = programmes;
    if (programmes.size !== 1 || !programmeId) {
      throw new FieldValidationException({
        participants: ['All participants of a session must belong to the same programme.'],
      });
    }
    return programmeId;
  }

  /** The attendance rows of a session (none for an empty list); also a group series' meetings. */
  async insertAttendances(
    manager: EntityManager,
    sessionId: string,
    participants: readonly Pick<SessionAttendanceDto, 'participantId' | 'attendance'>[],
  ): Promise<void> {
    if (participants.length === 0) return;
    await manager.insert(
      SessionAttendanceEntity,
      participants.map((p) => ({
        sessionId,
        participantId: p.participantId.toLowerCase(),
        attendance: p.attendance,
      })),
    );
  }

  /** Attendance of a whole page of sessions in one query. */
  async attendancesOf(
    manager: EntityManager,
    sessionIds: string[],
  ): Promise<Map<string, SessionAttendanceEntity[]>> {
    const map = new Map<string, SessionAttendanceEntity[]>();
    if (sessionIds.length === 0) return map;
    const rows = await manager.find(SessionAttendanceEntity, {
      where: { sessionId: In(sessionIds) },
      order: { sessionId: 'ASC', participantId: 'ASC' },
    });
    for (const row of rows) map.set(row.sessionId, [...(map.get(row.sessionId) ?? []), row]);
    return map;
  }
}
