import type { RouteCases } from '../route-case';
import type { World } from '../world';
import {
  seriesIn,
  seriesMeetingIn,
  seriesWithEnrolment,
} from '../../support/group-series-factories';

/*
 * Group series (issue 14, part 1): every call on a record by id makes a fresh one, so the cells
 * (and the DELETEs) do not depend on each other. Records "out" belong to the other programme.
 */

const series = {
  name: 'Framtidsverkstad hösten',
  kind: 'future_workshop',
  plannedMeetings: 8,
  plannedMinutesPerMeeting: 180,
  startDate: '2026-01-01',
  endDate: '2026-12-31',
};
const ds = (w: World) => w.factories.dataSource;
const otherCoach = async (w: World) =>
  (
    (await ds(w).query(`SELECT coach_id FROM coaching_sessions WHERE id = $1`, [w.sessionOut])) as {
      coach_id: string;
    }[]
  )[0]?.coach_id ?? '';
const meetingIn = (w: World) =>
  seriesMeetingIn(ds(w), w.programmeIn, w.users.coach, w.participantIn);
const meetingOut = async (w: World) =>
  seriesMeetingIn(ds(w), w.programmeOut, await otherCoach(w), w.participantOut);

export const GROUP_SERIES_CASES: RouteCases = {
  'GET /api/programmes/:programmeId/group-series': {
    permission: 'groupSeries.list',
    inScope: (w) => ({ path: `/api/programmes/${w.programmeIn}/group-series` }),
    outOfScope: (w) => ({ path: `/api/programmes/${w.programmeOut}/group-series` }),
  },
  'POST /api/programmes/:programmeId/group-series': {
    permission: 'groupSeries.create',
    inScope: (w) => ({ path: `/api/programmes/${w.programmeIn}/group-series`, body: series }),
    outOfScope: (w) => ({ path: `/api/programmes/${w.programmeOut}/group-series`, body: series }),
  },
  'GET /api/group-series/:id': {
    permission: 'groupSeries.read',
    inScope: async (w) => ({ path: `/api/group-series/${(await meetingIn(w)).seriesId}` }),
    outOfScope: async (w) => ({
      path: `/api/group-series/${await seriesIn(ds(w), w.programmeOut)}`,
    }),
  },
  'PATCH /api/group-series/:id': {
    permission: 'groupSeries.update',
    inScope: async (w) => ({
      path: `/api/group-series/${await seriesIn(ds(w), w.programmeIn)}`,
      body: { completionPercent: 80 },
    }),
    outOfScope: async (w) => ({
      path: `/api/group-series/${await seriesIn(ds(w), w.programmeOut)}`,
      body: { completionPercent: 80 },
    }),
  },
  'DELETE /api/group-series/:id': {
    permission: 'groupSeries.delete',
    inScope: async (w) => ({ path: `/api/group-series/${await seriesIn(ds(w), w.programmeIn)}` }),
    outOfScope: async (w) => ({
      path: `/api/group-series/${await seriesIn(ds(w), w.programmeOut)}`,
    }),
  },

  'POST /api/group-series/:id/enrolments': {
    permission: 'seriesEnrolment.create',
    inScope: async (w) => ({
      path: `/api/group-series/${await seriesIn(ds(w), w.programmeIn)}/enrolments`,
      body: { participantId: w.participantIn, joinedOn: '2026-02-01' },
    }),
    outOfScope: async (w) => ({
      path: `/api/group-series/${await seriesIn(ds(w), w.programmeOut)}/enrolments`,
      body: { participantId: w.participantOut, joinedOn: '2026-02-01' },
    }),
  },
  'PATCH /api/group-series/:id/enrolments/:participantId': {
    permission: 'seriesEnrolment.update',
    inScope: async (w) => ({
      path: `/api/group-series/${await seriesWithEnrolment(ds(w), w.programmeIn, w.participantIn)}/enrolments/${w.participantIn}`,
      body: { leftOn: '2026-06-30' },
    }),
    outOfScope: async (w) => ({
      path: `/api/group-series/${await seriesWithEnrolment(ds(w), w.programmeOut, w.participantOut)}/enrolments/${w.participantOut}`,
      body: { leftOn: '2026-06-30' },
    }),
  },
  'DELETE /api/group-series/:id/enrolments/:participantId': {
    permission: 'seriesEnrolment.delete',
    inScope: async (w) => ({
      path: `/api/group-series/${await seriesWithEnrolment(ds(w), w.programmeIn, w.participantIn)}/enrolments/${w.participantIn}`,
    }),
    outOfScope: async (w) => ({
      path: `/api/group-series/${await seriesWithEnrolment(ds(w), w.programmeOut, w.participantOut)}/enrolments/${w.participantOut}`,
    }),
  },

  'GET /api/group-series/:id/meetings': {
    permission: 'seriesMeeting.list',
    inScope: async (w) => ({ path: `/api/group-series/${(await meetingIn(w)).seriesId}/meetings` }),
    outOfScope: async (w) => ({
      path: `/api/group-series/${(await meetingOut(w)).seriesId}/meetings`,
    }),
  },
  'POST /api/group-series/:id/meetings': {
    permission: 'seriesMeeting.create',
    inScope: async (w) => ({
      path: `/api/group-series/${await seriesWithEnrolment(ds(w), w.programmeIn, w.participantIn)}/meetings`,
      body: {
        at: '2026-03-17T09:00:00+01:00',
        durationMinutes: 180,
        mode: 'on_site',
        attendance: [{ participantId: w.participantIn, attendance: 'attended' }],
      },
    }),
    outOfScope: async (w) => ({
      path: `/api/group-series/${await seriesWithEnrolment(ds(w), w.programmeOut, w.participantOut)}/meetings`,
      body: {
        at: '2026-03-17T09:00:00+01:00',
        durationMinutes: 180,
        mode: 'on_site',
        attendance: [{ participantId: w.participantOut, attendance: 'attended' }],
      },
    }),
  },
  'PUT /api/group-series/:id/meetings/:sessionId/attendance': {
    permission: 'seriesMeeting.update',
    inScope: async (w) => {
      const { seriesId, sessionId } = await meetingIn(w);
      return {
        path: `/api/group-series/${seriesId}/meetings/${sessionId}/attendance`,
        body: { attendance: [{ participantId: w.participantIn, attendance: 'no_show' }] },
      };
    },
    outOfScope: async (w) => {
      const { seriesId, sessionId } = await meetingOut(w);
      return {
        path: `/api/group-series/${seriesId}/meetings/${sessionId}/attendance`,
        body: { attendance: [{ participantId: w.participantOut, attendance: 'no_show' }] },
      };
    },
  },
};
