import type { Locale, Permission, Role, Scope } from '@stegvis/contracts';
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
}

/** The permission the route declared and the scope the caller's role has for it. */
export interface Grant {
  permission: Permission;
  scope: Scope;
}

export interface StegvisRequest extends FastifyRequest {
  caller?: Caller;
  grant?: Grant;
}
