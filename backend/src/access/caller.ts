import type { Locale, Permission, Role, Scope, View } from '@stegvis/contracts';
import type { FastifyRequest } from 'fastify';

/** Who is asking, as the access guard established it. */
export interface Caller {
  userId: string;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  enterpriseId: string | null;
  programmeIds: string[];
  sessionId: string;
  /** Two-step verification is on for the account. */
  mfaEnabled: boolean;
  /** The password is a one-time password an admin set: only the change-password path is open. */
  mustChangePassword: boolean;
  /** The user entered their password (or TOTP code) again within REAUTH_MINUTES in this session. */
  recentlyReauthenticated: boolean;
}

/** The permission the route declared, and the scope and view the caller's role has for it. */
export interface Grant {
  permission: Permission;
  scope: Scope;
  view: View;
  /** Days a supervisor keeps a placement after it ended (SUPERVISOR_GRACE_DAYS), for scoping. */
  graceDays: number;
}

export interface StegvisRequest extends FastifyRequest {
  caller?: Caller;
  grant?: Grant;
}
