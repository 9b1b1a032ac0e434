import type { AuditEntry } from './api';
import type { AuditAction, Locale } from './codes';

/**
 * The kinds of record an audit row names: the prefix of the permission a route needs (`me` is
 * written as `user`), and `unknown` for a refusal of a route without one.
 */
export const AUDIT_ENTITIES = [
  'participant',
  'actionPlan',
  'coachingSession',
  'placement',
  'followUp',
  'checkIn',
  'progression',
  'timeline',
  'instrument',
  'report',
  'programme',
  'enterprise',
  'supervisor',
  'enterpriseEvent',
  'agreement',
  'startedEnterprise',
  'entrepreneurContact',
  'adviceSession',
  'groupSeries',
  'seriesEnrolment',
  'seriesMeeting',
  'user',
  'session',
  'audit',
  'unknown',
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

/** What became of the request: done, or refused with its HTTP status. */
export const AUDIT_OUTCOMES = ['ok', 'failed', '400', '401', '403', '404'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export function auditOutcomeOf(entry: Pick<AuditEntry, 'action' | 'status'>): AuditOutcome {
  if (entry.action === 'login-failed') return 'failed';
  const status = String(entry.status ?? '');
  return (AUDIT_OUTCOMES as readonly string[]).includes(status) ? (status as AuditOutcome) : 'ok';
}

/** A participant's short reference as typed: `P-7F3A2C91`, `p7f3a2c91` or `7F3A2C91`. */
export function normaliseParticipantRef(value: string): string | null {
  const match = /^(?:P-?)?([0-9A-F]{8})$/i.exec(value.trim());
  return match?.[1] ? `P-${match[1].toUpperCase()}` : null;
}

export interface AuditLabels {
  action: Record<AuditAction, string>;
  entity: Record<AuditEntity, string>;
  outcome: Record<AuditOutcome, string>;
}

/*
 * The words of the audit log (loggkontroll), for the admin's page and the CSV extract alike: the
 * web app merges them into its translations under `auditCode` (see code-labels.ts).
 */
export const AUDIT_LABELS: Record<Locale, AuditLabels> = {
  sv: {
    action: {
      read: 'Läsning',
      create: 'Skapande',
      update: 'Ändring',
      delete: 'Radering',
      export: 'Export',
      login: 'Inloggning',
      'login-failed': 'Misslyckad inloggning',
      logout: 'Utloggning',
      denied: 'Nekad',
      rejected: 'Ogiltig inmatning',
    },
    entity: {
      participant: 'Deltagare',
      actionPlan: 'Handlingsplan',
      coachingSession: 'Coachningstillfälle',
      placement: 'Placering',
      followUp: 'Uppföljning av placering',
      checkIn: 'Skattning',
      progression: 'Stegförflyttning',
      timeline: 'Tidslinje',
      instrument: 'Skattningsinstrument',
      report: 'Rapport',
      programme: 'Insats',
      enterprise: 'Företag',
      supervisor: 'Handledare på företag',
      enterpriseEvent: 'Mötesplats eller nätverksträff',
      agreement: 'Avtal med socialt företag',
      startedEnterprise: 'Startat socialt företag',
      entrepreneurContact: 'Entreprenörskontakt',
      adviceSession: 'Rådgivningstillfälle',
      groupSeries: 'Gruppserie (framtidsverkstad, affärsprogram, kurs)',
      seriesEnrolment: 'Inskrivning i gruppserie',
      seriesMeeting: 'Träff i gruppserie',
      user: 'Användare',
      session: 'Inloggning',
      audit: 'Loggkontroll',
      unknown: 'Okänd',
    },
    outcome: {
      ok: 'Utfört',
      failed: 'Misslyckades',
      '400': 'Avvisad: ogiltiga uppgifter (400)',
      '401': 'Nekad: inloggningen hade upphört (401)',
      '403': 'Nekad: rollen saknar behörighet (403)',
      '404': 'Nekad: utanför behörighet eller finns inte (404)',
    },
  },
  en: {
    action: {
      read: 'Read',
      create: 'Create',
      update: 'Change',
      delete: 'Deletion',
      export: 'Export',
      login: 'Sign-in',
      'login-failed': 'Failed sign-in',
      logout: 'Sign-out',
      denied: 'Denied',
      rejected: 'Invalid input',
    },
    entity: {
      participant: 'Participant',
      actionPlan: 'Action plan',
      coachingSession: 'Coaching session',
      placement: 'Placement',
      followUp: 'Placement follow-up',
      checkIn: 'Check-in',
      progression: 'Progression',
      timeline: 'Timeline',
      instrument: 'Assessment instrument',
      report: 'Report',
      programme: 'Programme',
      enterprise: 'Enterprise',
      supervisor: 'Enterprise supervisors',
      enterpriseEvent: 'Meeting place or network event',
      agreement: 'Agreement with a social enterprise',
      startedEnterprise: 'Social enterprise started',
      entrepreneurContact: 'Entrepreneur contact',
      adviceSession: 'Advice session',
      groupSeries: 'Group series (future workshop, business programme, course)',
      seriesEnrolment: 'Enrolment in a group series',
      seriesMeeting: 'Group series meeting',
      user: 'User',
      session: 'Sign-in session',
      audit: 'Audit log',
      unknown: 'Unknown',
    },
    outcome: {
      ok: 'Done',
      failed: 'Failed',
      '400': 'Rejected: invalid input (400)',
      '401': 'Denied: the session had ended (401)',
      '403': 'Denied: the role lacks permission (403)',
      '404': 'Denied: out of scope or not found (404)',
    },
  },
};

/** A kind of record's label; a code this list does not know is shown as it is. */
export function auditEntityLabel(entity: string, lang: Locale): string {
  return (AUDIT_LABELS[lang].entity as Record<string, string>)[entity] ?? entity;
}
