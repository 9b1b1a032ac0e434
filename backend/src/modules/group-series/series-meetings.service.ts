import { Injectable } from '@nestjs/common';
import type { Page, SeriesMeeting } from '@stegvis/contracts';
import { enrolledOn } from '@stegvis/domain';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { Access } from '../../access/decorators';
import { orNotFound } from '../../access/scoping';
import { FieldValidationException } from '../../common/validation';
import type { SessionAttendanceDto } from '../coaching-sessions/coaching-session.dto';
import {
  CoachingSessionEntity,
  SessionAttendanceEntity,
} from '../coaching-sessions/coaching-session.entity';
import { attendanceListProblems } from '../coaching-sessions/coaching-session.rules';
import { CoachingSessionsService } from '../coaching-sessions/coaching-sessions.service';
import type { CreateSeriesMeetingDto, TakeSeriesAttendanceDto } from './group-series.dto';
import { type GroupSeriesEntity, SeriesEnrolmentEntity } from './group-series.entity';
import { toSeriesMeeting } from './group-series.mapper';
import { lockedSeries, scopedSeries, swedishDayOf } from './series-scope';

type MeetingSession = CoachingSessionEntity & { seriesId: string };

/**
 * A series' meetings: coaching sessions of kind `group_workshop` with `series_id` set, attendance
 * in `session_attendances` (written by CoachingSessionsService, as for any session), so the
 * session statistics count them. Attendance names only participants enrolled on the meeting's day.
 */
@Injectable()
export class SeriesMeetingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: CoachingSessionsService,
  ) {}

  async list(access: Access, seriesId: string): Promise<Page<SeriesMeeting>> {
    const m = this.dataSource.manager;
    orNotFound(
      await scopedSeries(m, access)
        .select('gs.id')
        .andWhere('gs.id = :seriesId', { seriesId })
        .getOne(),
    );
    const rows = (await m.find(CoachingSessionEntity, {
      where: { seriesId },
      order: { at: 'ASC', id: 'ASC' },
    })) as MeetingSession[];
    const attendances = await this.sessions.attendancesOf(
      m,
      rows.map((s) => s.id),
    );
    return {
      items: rows.map((s) => toSeriesMeeting(s, attendances.get(s.id) ?? [])),
      nextCursor: null,
    };
  }

  async create(
    access: Access,
    seriesId: string,
    dto: CreateSeriesMeetingDto,
  ): Promise<SeriesMeeting> {
    this.checkList(dto.attendance);
    return this.dataSource.transaction(async (m) => {
      const series = await lockedSeries(m, access, seriesId);
      const day = await swedishDayOf(m, dto.at);
      if (day < series.startDate || day > series.endDate) {
        throw new FieldValidationException({
          at: [`The series runs ${series.startDate} – ${series.endDate}; ${day} is outside it.`],
        });
      }
      await this.checkEnrolled(m, series, day, dto.attendance);
      const session = await m.save(
        m.create(CoachingSessionEntity, {
          programmeId: series.programmeId,
          seriesId,
          at: new Date(dto.at),
          durationMinutes: dto.durationMinutes,
          kind: 'group_workshop',
          mode: dto.mode,
          coachId: access.userId,
          notes: dto.notes ?? null,
        }),
      );
      await this.sessions.insertAttendances(m, session.id, dto.attendance);
      return this.load(m, seriesId, session.id);
    });
  }

  /** Replaces the attendance of one meeting (any coach of the programme may take it). */
  async takeAttendance(
    access: Access,
    seriesId: string,
    sessionId: string,
    dto: TakeSeriesAttendanceDto,
  ): Promise<SeriesMeeting> {
    this.checkList(dto.attendance);
    return this.dataSource.transaction(async (m) => {
      const series = await lockedSeries(m, access, seriesId);
      const session = orNotFound(
        await m.findOneBy(CoachingSessionEntity, { id: sessionId, seriesId }),
      );
      const day = await swedishDayOf(m, session.at.toISOString());
      await this.checkEnrolled(m, series, day, dto.attendance);
      await m.delete(SessionAttendanceEntity, { sessionId });
      await this.sessions.insertAttendances(m, sessionId, dto.attendance);
      await m.update(CoachingSessionEntity, { id: sessionId }, { updatedAt: () => 'now()' });
      return this.load(m, seriesId, sessionId);
    });
  }

  private async load(m: EntityManager, seriesId: string, id: string): Promise<SeriesMeeting> {
    const session = orNotFound(
      await m.findOneBy(CoachingSessionEntity, { id, seriesId }),
    ) as MeetingSession;
    const attendances = await this.sessions.attendancesOf(m, [id]);
    return toSeriesMeeting(session, attendances.get(id) ?? []);
  }

  /** The session rules (nobody twice), with the series' field names. */
  private checkList(attendance: SessionAttendanceDto[]): void {
    const problems = attendanceListProblems(
      'group_workshop',
      attendance.map((a) => a.participantId),
    );
    const renamed = Object.fromEntries(
      Object.entries(problems).map(([key, messages]) => [
        key.replace(/^participants/, 'attendance'),
        messages,
      ]),
    );
    if (Object.keys(renamed).length > 0) throw new FieldValidationException(renamed);
  }

  /**
   * Every person named must be enrolled in the series on the meeting's day. Someone of another
   * programme, unknown or reduced is simply not enrolled: the same answer, revealing nothing.
   */
  private async checkEnrolled(
    m: EntityManager,
    series: GroupSeriesEntity,
    day: string,
    attendance: SessionAttendanceDto[],
  ): Promise<void> {
    const ids = attendance.map((a) => a.participantId.toLowerCase());
    const enrolments =
      ids.length === 0
        ? []
        : await m.findBy(SeriesEnrolmentEntity, { seriesId: series.id, participantId: In(ids) });
    const byId = new Map(enrolments.map((e) => [e.participantId, e]));
    const problems: Record<string, string[]> = {};
    ids.forEach((id, index) => {
      const enrolment = byId.get(id);
      if (!enrolment || !enrolledOn(enrolment, day)) {
        problems[`attendance.${index}.participantId`] = [
          `Not enrolled in the series on ${day}: enrol them (with a join date on or before it) first.`,
        ];
      }
    });
    if (Object.keys(problems).length > 0) throw new FieldValidationException(problems);
  }
}
