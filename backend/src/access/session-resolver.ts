import type { Role } from '@stegvis/contracts';
import type { Caller, StegvisRequest } from './caller';

/**
 * What the access guard needs from sessions, behind a token that access/ owns: access/ and
 * audit/ never import modules/ (the auth module provides the implementation, see app.module.ts).
 */
export const SESSION_RESOLVER = Symbol('SESSION_RESOLVER');

export interface ResolvedSession {
  caller: Caller;
  csrfToken: string;
}

export interface SessionResolver {
  /** The bearer token or the session cookie of the request, or null when it carries neither. */
  credentialsOf(request: StegvisRequest): { token: string; viaCookie: boolean } | null;
  /** The live session behind a token, or null when unknown, revoked, idle too long or expired. */
  resolve(token: string): Promise<ResolvedSession | null>;
  /** Constant-time comparison of the session's CSRF token with the header's. */
  csrfMatches(expected: string, given: string): boolean;
  /** Whose session a token was, when it no longer works (for the audit row of the 401). */
  ownerOfEndedSession(token: string): Promise<{ userId: string; role: Role | null } | null>;
}
