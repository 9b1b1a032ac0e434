import type { Role } from './roles';

/**
 * How far a granted permission reaches:
 * - `all`: every record of that kind;
 * - `programme`: records of the programmes the caller is a member of;
 * - `enterprise`: records tied to the caller's own enterprise;
 * - `self`: the caller's own account only.
 */
export type Scope = 'all' | 'programme' | 'enterprise' | 'self';

type Grants = Partial<Record<Role, Scope>>;

const EVERYONE_SELF: Grants = { admin: 'self', lead: 'self', coach: 'self', supervisor: 'self' };

/**
 * The one policy table: permission → role → scope. A role missing from a row is refused (403).
 * The server's global guard reads it for every route; the UI hides what it would refuse; the
 * permission test suite is generated from it.
 */
export const POLICY = {
  'me.read': EVERYONE_SELF,
  'me.update': EVERYONE_SELF,
  'me.changePassword': EVERYONE_SELF,
  // Multi-factor authentication of one's own account: enrol (and confirm), turn off.
  'me.enrolMfa': EVERYONE_SELF,
  'me.disableMfa': EVERYONE_SELF,
  'session.delete': EVERYONE_SELF,

  'user.list': { admin: 'all' },
  'user.read': { admin: 'all' },
  'user.create': { admin: 'all' },
  'user.update': { admin: 'all' },
  // For a user who lost their authenticator and their recovery codes.
  'user.resetMfa': { admin: 'all' },

  'programme.list': { admin: 'all', lead: 'programme', coach: 'programme' },
  'programme.read': { admin: 'all', lead: 'programme', coach: 'programme' },
  'programme.create': { admin: 'all' },
  'programme.update': { admin: 'all', lead: 'programme' },

  'enterprise.list': { admin: 'all', lead: 'all', coach: 'all', supervisor: 'enterprise' },
  'enterprise.read': { admin: 'all', lead: 'all', coach: 'all', supervisor: 'enterprise' },
  'enterprise.create': { admin: 'all' },
  'enterprise.update': { admin: 'all' },

  'audit.read': { admin: 'all' },

  // Case records. Leads and admins have none: they see aggregates only.
  'participant.list': { coach: 'programme', supervisor: 'enterprise' },
  'participant.read': { coach: 'programme', supervisor: 'enterprise' },
  'participant.create': { coach: 'programme' },
  'participant.update': { coach: 'programme' },
  'participant.erase': { coach: 'programme' },
  'participant.export': { coach: 'programme' },

  'actionPlan.read': { coach: 'programme', supervisor: 'enterprise' },
  'actionPlan.update': { coach: 'programme' },
  // Past revisions hold every step and the goal in full: coaches only, never supervisors.
  'actionPlan.history': { coach: 'programme' },

  'coachingSession.list': { coach: 'programme' },
  'coachingSession.read': { coach: 'programme' },
  'coachingSession.create': { coach: 'programme' },
  'coachingSession.update': { coach: 'programme' },

  'placement.list': { coach: 'programme', supervisor: 'enterprise' },
  'placement.read': { coach: 'programme', supervisor: 'enterprise' },
  'placement.create': { coach: 'programme' },
  'placement.update': { coach: 'programme' },

  'followUp.list': { coach: 'programme', supervisor: 'enterprise' },
  'followUp.create': { coach: 'programme', supervisor: 'enterprise' },

  'checkIn.create': { coach: 'programme', supervisor: 'enterprise' },
  'checkIn.list': { coach: 'programme', supervisor: 'enterprise' },
  'progression.read': { coach: 'programme', supervisor: 'enterprise' },

  'instrument.read': {
    admin: 'all',
    lead: 'programme',
    coach: 'programme',
    supervisor: 'enterprise',
  },
  'instrument.create': { admin: 'all', lead: 'programme' },

  'timeline.read': { coach: 'programme', supervisor: 'enterprise' },

  // Funder reports: aggregated and anonymised only.
  'report.read': { lead: 'programme', coach: 'programme' },
  'report.export': { lead: 'programme' },
} as const satisfies Record<string, Grants>;

export type Permission = keyof typeof POLICY;

export const PERMISSIONS = Object.keys(POLICY) as Permission[];

export function scopeOf(role: Role, permission: Permission): Scope | undefined {
  const grants: Grants = POLICY[permission];
  return grants[role];
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
      return 'read';
    case 'create':
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
