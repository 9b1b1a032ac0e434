import type { Role } from './roles';

/**
 * How far a granted permission reaches:
 * - `all`: every record of that kind;
 * - `programme`: records of the programmes the caller is a member of;
 * - `enterprise`: records tied to the caller's own enterprise;
 * - `self`: the caller's own account only.
 */
export type Scope = 'all' | 'programme' | 'enterprise' | 'self';

/**
 * What the caller sees of the records a permission reaches — decided here, once, per cell:
 * - `full`: the whole case record (coaches, in their programmes);
 * - `placement`: what a placement needs and nothing more (supervisors; libs/contracts/views.ts
 *   lists the fields of every response in this view);
 * - `statistics`: aggregated, anonymised figures only, never a person;
 * - `directory`: organisational records (users, programmes, enterprises, instruments, the audit
 *   log, a programme's enterprise-side records), never case data;
 * - `self`: the caller's own account.
 */
export type View = 'full' | 'placement' | 'statistics' | 'directory' | 'self';

export const VIEWS: readonly View[] = ['full', 'placement', 'statistics', 'directory', 'self'];

/** The views that show a participant's case data; a route granting one must declare its response. */
export const CASE_DATA_VIEWS: readonly View[] = ['full', 'placement'];

/** One cell of the policy table: how far the permission reaches and what the caller sees there. */
export interface PolicyCell {
  scope: Scope;
  view: View;
}

type Grants = Partial<Record<Role, PolicyCell>>;

const cell = (scope: Scope, view: View): PolicyCell => ({ scope, view });

const SELF = cell('self', 'self');
const EVERYONE_SELF: Grants = { admin: SELF, lead: SELF, coach: SELF, supervisor: SELF };
/** A coach's case records: the programmes they belong to, in full. */
const CASELOAD = cell('programme', 'full');
/** A supervisor's: participants placed at their enterprise, the placement view. */
const PLACED = cell('enterprise', 'placement');
const STATISTICS = cell('programme', 'statistics');
const ALL_RECORDS = cell('all', 'directory');
const PROGRAMME_RECORDS = cell('programme', 'directory');
const ENTERPRISE_RECORDS = cell('enterprise', 'directory');

/**
 * The one policy table: permission → role → scope and view. A role missing from a row is refused
 * (403). The server's global guard reads it for every route; the UI hides what it would refuse; the
 * permission test suite and the field-leak suite are generated from it.
 */
export const POLICY = {
  'me.read': EVERYONE_SELF,
  'me.update': EVERYONE_SELF,
  'me.changePassword': EVERYONE_SELF,
  // Multi-factor authentication of one's own account: enrol (and confirm), turn off.
  'me.enrolMfa': EVERYONE_SELF,
  'me.disableMfa': EVERYONE_SELF,
  'session.delete': EVERYONE_SELF,

  'user.list': { admin: ALL_RECORDS },
  'user.read': { admin: ALL_RECORDS },
  'user.create': { admin: ALL_RECORDS },
  'user.update': { admin: ALL_RECORDS },
  // For a user who lost their authenticator and their recovery codes.
  'user.resetMfa': { admin: ALL_RECORDS },

  'programme.list': { admin: ALL_RECORDS, lead: PROGRAMME_RECORDS, coach: PROGRAMME_RECORDS },
  'programme.read': { admin: ALL_RECORDS, lead: PROGRAMME_RECORDS, coach: PROGRAMME_RECORDS },
  'programme.create': { admin: ALL_RECORDS },
  'programme.update': { admin: ALL_RECORDS, lead: PROGRAMME_RECORDS },
  // The coaches of a programme (id and name), to choose a participant's responsible coach.
  'programme.listCoaches': { coach: PROGRAMME_RECORDS },

  'enterprise.list': {
    admin: ALL_RECORDS,
    lead: ALL_RECORDS,
    coach: ALL_RECORDS,
    supervisor: ENTERPRISE_RECORDS,
  },
  'enterprise.read': {
    admin: ALL_RECORDS,
    lead: ALL_RECORDS,
    coach: ALL_RECORDS,
    supervisor: ENTERPRISE_RECORDS,
  },
  // Places offered against places in use per enterprise: counts only, no participant.
  'enterprise.capacity': {
    admin: ALL_RECORDS,
    lead: ALL_RECORDS,
    coach: ALL_RECORDS,
    supervisor: ENTERPRISE_RECORDS,
  },
  'enterprise.create': { admin: ALL_RECORDS },
  'enterprise.update': { admin: ALL_RECORDS },
  // The active supervisor accounts of an enterprise (id and name), to choose a placement's supervisors.
  'supervisor.list': { admin: ALL_RECORDS, coach: ALL_RECORDS },

  // The enterprise side of a programme (DOMAIN.md): events, agreements, enterprises started —
  // counts and organisations, no person, hence the directory view. The programme's coaches and
  // leads record and read them for their own programmes. Admins get none: these are the
  // programme's own work (reported to its funder), not the directory an admin keeps — as with
  // sessions and reports, an admin manages users, programmes and enterprises, not what a
  // programme did. A supervisor reads their own enterprise's agreements, nothing else here.
  'enterpriseEvent.list': { lead: PROGRAMME_RECORDS, coach: PROGRAMME_RECORDS },
  'enterpriseEvent.read': { lead: PROGRAMME_RECORDS, coach: PROGRAMME_RECORDS },
  'enterpriseEvent.create': { lead: PROGRAMME_RECORDS, coach: PROGRAMME_RECORDS },
  'enterpriseEvent.update': { lead: PROGRAMME_RECORDS, coach: PROGRAMME_RECORDS },
  'enterpriseEvent.delete': { lead: PROGRAMME_RECORDS, coach: PROGRAMME_RECORDS },
  // A programme's agreements (the programme's route).
  'agreement.list': { lead: PROGRAMME_RECORDS, coach: PROGRAMME_RECORDS },
  // One agreement, or an enterprise's agreements: in the caller's programmes, or at the
  // supervisor's own enterprise.
  'agreement.read': {
    lead: PROGRAMME_RECORDS,
    coach: PROGRAMME_RECORDS,
    supervisor: ENTERPRISE_RECORDS,
  },
  'agreement.create': { lead: PROGRAMME_RECORDS, coach: PROGRAMME_RECORDS },
  'agreement.update': { lead: PROGRAMME_RECORDS, coach: PROGRAMME_RECORDS },
  'agreement.delete': { lead: PROGRAMME_RECORDS, coach: PROGRAMME_RECORDS },
  'startedEnterprise.list': { lead: PROGRAMME_RECORDS, coach: PROGRAMME_RECORDS },
  'startedEnterprise.read': { lead: PROGRAMME_RECORDS, coach: PROGRAMME_RECORDS },
  'startedEnterprise.create': { lead: PROGRAMME_RECORDS, coach: PROGRAMME_RECORDS },
  'startedEnterprise.update': { lead: PROGRAMME_RECORDS, coach: PROGRAMME_RECORDS },
  'startedEnterprise.delete': { lead: PROGRAMME_RECORDS, coach: PROGRAMME_RECORDS },
  // Advice to entrepreneurs: a contact holds a name or initials, gender and an enterprise (or the
  // idea stage) — no case data; the sessions are counts by kind. Read and recorded like the
  // rest of the enterprise side.
  'entrepreneurContact.list': { lead: PROGRAMME_RECORDS, coach: PROGRAMME_RECORDS },
  'entrepreneurContact.read': { lead: PROGRAMME_RECORDS, coach: PROGRAMME_RECORDS },
  'entrepreneurContact.create': { lead: PROGRAMME_RECORDS, coach: PROGRAMME_RECORDS },
  'entrepreneurContact.update': { lead: PROGRAMME_RECORDS, coach: PROGRAMME_RECORDS },
  'entrepreneurContact.delete': { lead: PROGRAMME_RECORDS, coach: PROGRAMME_RECORDS },
  'adviceSession.list': { lead: PROGRAMME_RECORDS, coach: PROGRAMME_RECORDS },
  'adviceSession.read': { lead: PROGRAMME_RECORDS, coach: PROGRAMME_RECORDS },
  'adviceSession.create': { lead: PROGRAMME_RECORDS, coach: PROGRAMME_RECORDS },
  'adviceSession.update': { lead: PROGRAMME_RECORDS, coach: PROGRAMME_RECORDS },
  'adviceSession.delete': { lead: PROGRAMME_RECORDS, coach: PROGRAMME_RECORDS },

  'audit.read': { admin: ALL_RECORDS },

  // Case records. Leads and admins have none: they see aggregates only.
  'participant.list': { coach: CASELOAD, supervisor: PLACED },
  'participant.read': { coach: CASELOAD, supervisor: PLACED },
  'participant.create': { coach: CASELOAD },
  'participant.update': { coach: CASELOAD },
  // The full personnummer: every other answer masks it, and each reveal is audited as a read.
  'participant.readPersonnummer': { coach: CASELOAD },
  // Undo an exit (registered too early or in error), with a reason; the timeline keeps both.
  'participant.reopen': { coach: CASELOAD },
  'participant.erase': { coach: CASELOAD },
  'participant.export': { coach: CASELOAD },
  // A spreadsheet of participants into one programme (template, preview, save): as create.
  'participant.import': { coach: CASELOAD },

  'actionPlan.read': { coach: CASELOAD, supervisor: PLACED },
  'actionPlan.update': { coach: CASELOAD },
  // Past revisions hold every step and the goal in full: coaches only, never supervisors.
  'actionPlan.history': { coach: CASELOAD },

  'coachingSession.list': { coach: CASELOAD },
  'coachingSession.read': { coach: CASELOAD },
  'coachingSession.create': { coach: CASELOAD },
  'coachingSession.update': { coach: CASELOAD },

  // Group series (framtidsverkstad, business programme, course): enrolment and attendance per
  // person are case data, so — as with the coaching sessions that a series' meetings are — the
  // programme's coaches hold them in full and leads, supervisors and admins none. Leads will see
  // the series in the funder report (aggregates), not per person.
  'groupSeries.list': { coach: CASELOAD },
  'groupSeries.read': { coach: CASELOAD },
  'groupSeries.create': { coach: CASELOAD },
  'groupSeries.update': { coach: CASELOAD },
  // Only while the series has no meetings (409 otherwise).
  'groupSeries.delete': { coach: CASELOAD },
  'seriesEnrolment.create': { coach: CASELOAD },
  'seriesEnrolment.update': { coach: CASELOAD },
  // Only while no meeting of the series records their attendance (409 otherwise).
  'seriesEnrolment.delete': { coach: CASELOAD },
  'seriesMeeting.list': { coach: CASELOAD },
  'seriesMeeting.create': { coach: CASELOAD },
  // Taking attendance of one meeting (any coach of the programme, not only its author).
  'seriesMeeting.update': { coach: CASELOAD },

  'placement.list': { coach: CASELOAD, supervisor: PLACED },
  'placement.read': { coach: CASELOAD, supervisor: PLACED },
  'placement.create': { coach: CASELOAD },
  'placement.update': { coach: CASELOAD },

  'followUp.list': { coach: CASELOAD, supervisor: PLACED },
  'followUp.create': { coach: CASELOAD, supervisor: PLACED },

  'checkIn.create': { coach: CASELOAD, supervisor: PLACED },
  'checkIn.list': { coach: CASELOAD, supervisor: PLACED },
  'progression.read': { coach: CASELOAD, supervisor: PLACED },

  'instrument.read': {
    admin: ALL_RECORDS,
    lead: PROGRAMME_RECORDS,
    coach: PROGRAMME_RECORDS,
    supervisor: ENTERPRISE_RECORDS,
  },
  'instrument.create': { admin: ALL_RECORDS, lead: PROGRAMME_RECORDS },

  'timeline.read': { coach: CASELOAD, supervisor: PLACED },

  // Funder reports: aggregated and anonymised only.
  'report.read': { lead: STATISTICS, coach: STATISTICS },
  'report.export': { lead: STATISTICS },
} as const satisfies Record<string, Grants>;

export type Permission = keyof typeof POLICY;

export const PERMISSIONS = Object.keys(POLICY) as Permission[];

/** The cell of the policy table for a role and permission; undefined = refused. */
export function cellOf(role: Role, permission: Permission): PolicyCell | undefined {
  const grants: Grants = POLICY[permission];
  return grants[role];
}

export function scopeOf(role: Role, permission: Permission): Scope | undefined {
  return cellOf(role, permission)?.scope;
}

export function viewOf(role: Role, permission: Permission): View | undefined {
  return cellOf(role, permission)?.view;
}

/** Whether any role sees case data through this permission (its routes declare their response). */
export function grantsCaseData(permission: Permission): boolean {
  const grants: Grants = POLICY[permission];
  return Object.values(grants).some((c) => c !== undefined && CASE_DATA_VIEWS.includes(c.view));
}

export function can(role: Role | undefined | null, permission: Permission): boolean {
  return role != null && scopeOf(role, permission) !== undefined;
}

/** What each permission does to the audit log: reads and writes of a kind of record. */
export function auditActionOf(
  permission: Permission,
): 'read' | 'create' | 'update' | 'delete' | 'export' {
  const verb = permission.slice(permission.indexOf('.') + 1);
  switch (verb) {
    case 'list':
    case 'read':
    case 'history':
    case 'readPersonnummer':
    case 'listCoaches':
      return 'read';
    case 'create':
    case 'import':
      return 'create';
    case 'delete':
    case 'erase':
      return 'delete';
    case 'export':
      return 'export';
    default:
      return 'update';
  }
}
