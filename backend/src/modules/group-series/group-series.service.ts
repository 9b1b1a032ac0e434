import { ConflictException, Injectable } from '@nestjs/common';
import type { GroupSeries, GroupSeriesDetail, Page, SeriesEnrolment } from '@stegvis/contracts';
import { seriesCompletion, seriesDateErrors, seriesEnded } from '@stegvis/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { Access } from '../../access/decorators';
import { notFound, orNotFound, scopeParticipants } from '../../access/scoping';
import { StaleVersionException } from '../../common/if-match';
import { FieldValidationException } from '../../common/validation';
import { assertProgrammeInScope, StaleRecord } from '../enterprise-side/programme-scope';
import { ParticipantEntity } from '../participants/participant.entity';
import type {
  CreateGroupSeriesDto,
  EnrolInSeriesDto,
  UpdateGroupSeriesDto,
  UpdateSeriesEnrolmentDto,
} from './group-series.dto';
import { GroupSeriesEntity, SeriesEnrolmentEntity } from './group-series.entity';
import { toGroupSeries, toSeriesEnrolment } from './group-series.mapper';
import { DAY_OF_AT, lockedSeries, meetingsOf, scopedSeries, swedishToday } from './series-scope';

const WHAT = 'group series';

function assertNoErrors(errors: Record<string, string[]>): void {
  if (Object.keys(errors).length > 0) throw new FieldValidationException(errors);
}

/** Series in a programme and who is enrolled; the meetings are in SeriesMeetingsService. */
@Injectable()
export class GroupSeriesService {
  constructor(private readonly dataSource: DataSource) {}

  async list(access: Access, programmeId: string): Promise<Page<GroupSeries>> {
    return this.dataSource.transaction(async (m) => {
      await assertProgrammeInScope(m, access, programmeId);
      const rows = await scopedSeries(m, access)
        .andWhere('gs.programmeId = :programmeId', { programmeId })
        .orderBy('gs.startDate', 'DESC')
        .addOrderBy('gs.id')
        .getMany();
      const counts = await this.countsOf(
        m,
        rows.map((r) => r.id),
      );
      const today = await swedishToday(m);
      return {
        items: rows.map((s) => this.summary(s, counts.get(s.id), today)),
        nextCursor: null,
      };
    });
  }

  async get(access: Access, id: string): Promise<GroupSeriesDetail> {
    return this.detail(this.dataSource.manager, access, id);
  }

  private async detail(m: EntityManager, access: Access, id: string): Promise<GroupSeriesDetail> {
    const series = orNotFound(
      await scopedSeries(m, access).andWhere('gs.id = :id', { id }).getOne(),
    );
    const enrolments = await m.find(SeriesEnrolmentEntity, {
      where: { seriesId: id },
      order: { joinedOn: 'ASC', participantId: 'ASC' },
    });
    const meetings = await meetingsOf(m, id);
    const today = await swedishToday(m);
    return {
      ...this.summary(
        series,
        { meetingsHeld: meetings.length, enrolled: enrolments.length },
        today,
      ),
      enrolments: enrolments.map((e) => this.enrolmentFigures(series, e, meetings, today)),
    };
  }

  private summary(
    s: GroupSeriesEntity,
    counts: { meetingsHeld: number; enrolled: number } | undefined,
    today: string,
  ): GroupSeries {
    const meetingsHeld = counts?.meetingsHeld ?? 0;
    return toGroupSeries(s, {
      meetingsHeld,
      enrolled: counts?.enrolled ?? 0,
      ended: seriesEnded({ ...s, meetingsHeld }, today),
    });
  }

  private enrolmentFigures(
    series: GroupSeriesEntity,
    e: SeriesEnrolmentEntity,
    meetings: Awaited<ReturnType<typeof meetingsOf>>,
    today: string,
  ): SeriesEnrolment {
    return toSeriesEnrolment(
      e,
      seriesCompletion({
        endDate: series.endDate,
        plannedMeetings: series.plannedMeetings,
        completionPercent: series.completionPercent,
        meetingsHeld: meetings.length,
        enrolment: e,
        meetings: meetings.map((mt) => ({
          day: mt.day,
          attended: mt.attended.has(e.participantId),
        })),
        today,
      }),
    );
  }

  /** Meetings held and people enrolled of each series, in one query. */
  private async countsOf(
    m: EntityManager,
    ids: string[],
  ): Promise<Map<string, { meetingsHeld: number; enrolled: number }>> {
    if (ids.length === 0) return new Map();
    const rows = (await m.query(
      `SELECT gs.id,
              (SELECT count(*)::int FROM coaching_sessions s WHERE s.series_id = gs.id) AS held,
              (SELECT count(*)::int FROM group_series_enrolments e WHERE e.series_id = gs.id) AS enrolled
         FROM group_series gs WHERE gs.id = ANY($1::uuid[])`,
      [ids],
    )) as { id: string; held: number; enrolled: number }[];
    return new Map(rows.map((r) => [r.id, { meetingsHeld: r.held, enrolled: r.enrolled }]));
  }

  async create(
    access: Access,
    programmeId: string,
    dto: CreateGroupSeriesDto,
  ): Promise<GroupSeriesDetail> {
    assertNoErrors(seriesDateErrors(dto));
    const saved = await this.dataSource.transaction(async (m) => {
      await assertProgrammeInScope(m, access, programmeId);
      return m.save(
        m.create(GroupSeriesEntity, {
          programmeId,
          name: dto.name,
          kind: dto.kind,
          plannedMeetings: dto.plannedMeetings,
          plannedMinutesPerMeeting: dto.plannedMinutesPerMeeting,
          startDate: dto.startDate,
          endDate: dto.endDate,
          completionPercent: dto.completionPercent ?? 75,
          notes: dto.notes ?? null,
        }),
      );
    });
    return this.get(access, saved.id);
  }

  async update(
    access: Access,
    id: string,
    dto: UpdateGroupSeriesDto,
    ifMatch: number | null,
  ): Promise<GroupSeriesDetail> {
    const required = [
      'name',
      'kind',
      'plannedMeetings',
      'plannedMinutesPerMeeting',
      'startDate',
      'endDate',
      'completionPercent',
    ] as const;
    assertNoErrors(
      Object.fromEntries(
        required.filter((f) => dto[f] === null).map((f) => [f, [`${f} cannot be empty.`]]),
      ),
    );
    try {
      await this.dataSource.transaction(async (m) => {
        const current = await lockedSeries(m, access, id);
        if (ifMatch !== null && ifMatch !== current.version) throw new StaleRecord(WHAT);
        const startDate = dto.startDate ?? current.startDate;
        const endDate = dto.endDate ?? current.endDate;
        assertNoErrors(seriesDateErrors({ startDate, endDate }));
        // Meetings already held stay inside the series' dates.
        const outside = (await m.query(
          `SELECT min(${DAY_OF_AT('s.at')}) AS first, max(${DAY_OF_AT('s.at')}) AS last
             FROM coaching_sessions s WHERE s.series_id = $1`,
          [id],
        )) as { first: string | null; last: string | null }[];
        const [span] = outside;
        const errors: Record<string, string[]> = {};
        if (span?.first && span.first < startDate) {
          errors['startDate'] = [`A meeting was held on ${span.first}, before this start date.`];
        }
        if (span?.last && span.last > endDate) {
          errors['endDate'] = [`A meeting was held on ${span.last}, after this end date.`];
        }
        assertNoErrors(errors);
        const result = await m
          .createQueryBuilder()
          .update(GroupSeriesEntity)
          .set({
            name: dto.name ?? current.name,
            kind: dto.kind ?? current.kind,
            plannedMeetings: dto.plannedMeetings ?? current.plannedMeetings,
            plannedMinutesPerMeeting:
              dto.plannedMinutesPerMeeting ?? current.plannedMinutesPerMeeting,
            startDate,
            endDate,
            completionPercent: dto.completionPercent ?? current.completionPercent,
            notes: dto.notes === undefined ? current.notes : dto.notes,
            version: () => 'version + 1',
          })
          .where('id = :id AND version = :version', { id, version: current.version })
          .execute();
        if (result.affected !== 1) throw new StaleRecord(WHAT);
      });
    } catch (error) {
      if (error instanceof StaleRecord) {
        throw new StaleVersionException(error.message, await this.get(access, id));
      }
      throw error;
    }
    return this.get(access, id);
  }

  /** Only a series without meetings: a meeting is a session the statistics count. */
  async delete(access: Access, id: string, ifMatch: number | null): Promise<void> {
    try {
      await this.dataSource.transaction(async (m) => {
        const current = await lockedSeries(m, access, id);
        if (ifMatch !== null && ifMatch !== current.version) throw new StaleRecord(WHAT);
        const [row] = (await m.query(
          `SELECT count(*)::int AS n FROM coaching_sessions WHERE series_id = $1`,
          [id],
        )) as { n: number }[];
        if ((row?.n ?? 0) > 0) {
          throw new ConflictException(
            `The series has ${row?.n} meeting(s) logged, and they count in the session statistics: a series with meetings cannot be deleted.`,
          );
        }
        await m.delete(GroupSeriesEntity, { id });
      });
    } catch (error) {
      if (error instanceof StaleRecord) {
        throw new StaleVersionException(error.message, await this.get(access, id));
      }
      throw error;
    }
  }

  // Enrolment

  async enrol(access: Access, id: string, dto: EnrolInSeriesDto): Promise<SeriesEnrolment> {
    const participantId = dto.participantId.toLowerCase();
    await this.dataSource.transaction(async (m) => {
      const series = await lockedSeries(m, access, id);
      // A participant of another programme (or out of reach) answers 404: nothing is revealed.
      const participant = orNotFound(
        await scopeParticipants(
          m
            .createQueryBuilder(ParticipantEntity, 'p')
            .select(['p.id', 'p.reducedAt'])
            .where('p.id = :participantId', { participantId })
            .andWhere('p.programmeId = :programmeId', { programmeId: series.programmeId }),
          'p',
          access,
        ).getOne(),
      );
      if (participant.reducedAt !== null) {
        throw new FieldValidationException({
          participantId: ['The participant’s record is reduced: they cannot be enrolled.'],
        });
      }
      const enrolment = { joinedOn: dto.joinedOn, leftOn: dto.leftOn ?? null };
      assertNoErrors(seriesDateErrors(series, enrolment));
      if (await m.existsBy(SeriesEnrolmentEntity, { seriesId: id, participantId })) {
        throw new ConflictException(
          'The participant is already enrolled in this series; change their enrolment instead.',
        );
      }
      await m.insert(SeriesEnrolmentEntity, { seriesId: id, participantId, ...enrolment });
    });
    return this.enrolment(access, id, participantId);
  }

  private async enrolment(
    access: Access,
    id: string,
    participantId: string,
  ): Promise<SeriesEnrolment> {
    const detail = await this.get(access, id);
    const found = detail.enrolments.find((e) => e.participantId === participantId);
    if (!found) throw notFound();
    return found;
  }

  async updateEnrolment(
    access: Access,
    id: string,
    participantId: string,
    dto: UpdateSeriesEnrolmentDto,
  ): Promise<SeriesEnrolment> {
    if (dto.joinedOn === null) {
      throw new FieldValidationException({ joinedOn: ['joinedOn cannot be empty.'] });
    }
    await this.dataSource.transaction(async (m) => {
      const series = await lockedSeries(m, access, id);
      const current = orNotFound(
        await m.findOneBy(SeriesEnrolmentEntity, { seriesId: id, participantId }),
      );
      const next = {
        joinedOn: dto.joinedOn ?? current.joinedOn,
        leftOn: dto.leftOn === undefined ? current.leftOn : dto.leftOn,
      };
      assertNoErrors(seriesDateErrors(series, next));
      // Attendance already taken must stay within the enrolment.
      const [span] = (await m.query(
        `SELECT min(${DAY_OF_AT('s.at')}) AS first, max(${DAY_OF_AT('s.at')}) AS last
           FROM coaching_sessions s JOIN session_attendances a ON a.session_id = s.id
          WHERE s.series_id = $1 AND a.participant_id = $2`,
        [id, participantId],
      )) as { first: string | null; last: string | null }[];
      const errors: Record<string, string[]> = {};
      if (span?.first && span.first < next.joinedOn) {
        errors['joinedOn'] = [
          `Their attendance is recorded at the meeting of ${span.first}, before this date; change that attendance first.`,
        ];
      }
      if (span?.last && next.leftOn !== null && span.last > next.leftOn) {
        errors['leftOn'] = [
          `Their attendance is recorded at the meeting of ${span.last}, after this date; change that attendance first.`,
        ];
      }
      assertNoErrors(errors);
      await m.update(SeriesEnrolmentEntity, { seriesId: id, participantId }, next);
    });
    return this.enrolment(access, id, participantId);
  }

  /** Only someone with no attendance in the series' meetings (enrolled in error). */
  async unenrol(access: Access, id: string, participantId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await lockedSeries(m, access, id);
      orNotFound(await m.findOneBy(SeriesEnrolmentEntity, { seriesId: id, participantId }));
      const [row] = (await m.query(
        `SELECT count(*)::int AS n FROM session_attendances a
           JOIN coaching_sessions s ON s.id = a.session_id
          WHERE s.series_id = $1 AND a.participant_id = $2`,
        [id, participantId],
      )) as { n: number }[];
      if ((row?.n ?? 0) > 0) {
        throw new ConflictException(
          `Attendance is recorded for this participant at ${row?.n} meeting(s) of the series: set a leave date instead, or remove that attendance first.`,
        );
      }
      await m.delete(SeriesEnrolmentEntity, { seriesId: id, participantId });
    });
  }
}
