import type { Role } from '@stegvis/contracts';
import { AccessRule, CAPACITY_ACCESS, WORKSPACES, allows } from '../core/auth/access';

export interface NavItem extends AccessRule {
  path: string;
  labelKey: string;
  /** Active only on this exact path (for an overview whose sub-pages have their own entries). */
  exact?: boolean;
}

/**
 * Every entry names the permission (from the shared policy table) or role its page needs, the same
 * rule its route guard checks, so a role only sees what it may open.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/coach', labelKey: 'nav.myParticipants', ...WORKSPACES.coach, exact: true },
  {
    path: '/coach/group-sessions',
    labelKey: 'groupSessions.nav',
    permission: 'coachingSession.create',
  },
  { path: '/coach/group-series', labelKey: 'groupSeries.nav', permission: 'groupSeries.list' },
  { path: '/coach/import', labelKey: 'import.nav', permission: 'participant.import' },
  {
    path: '/supervisor',
    labelKey: 'nav.participantsAndFollowUps',
    ...WORKSPACES.supervisor,
  },
  { path: '/lead', labelKey: 'nav.dashboard', roles: ['lead'], exact: true },
  { path: '/lead/report', labelKey: 'nav.report', permission: 'report.read', roles: ['lead'] },
  // Coaches' and leads' (after their own workspace's entries in both navs).
  {
    path: '/social-enterprises',
    labelKey: 'enterpriseSide.nav',
    permission: 'enterpriseEvent.list',
  },
  { path: '/capacity', labelKey: 'capacity.nav', ...CAPACITY_ACCESS },
  { path: '/admin', labelKey: 'nav.admin', roles: ['admin'], exact: true },
  { path: '/admin/users', labelKey: 'nav.users', permission: 'user.list' },
  { path: '/admin/programmes', labelKey: 'nav.programmes', permission: 'programme.create' },
  { path: '/admin/enterprises', labelKey: 'nav.enterprises', permission: 'enterprise.create' },
  { path: '/admin/audit', labelKey: 'nav.audit', permission: 'audit.read' },
];

export function navFor(role: Role | null | undefined): NavItem[] {
  return NAV_ITEMS.filter((item) => allows(role, item));
}
