import { Injectable } from '@nestjs/common';
import { isRole, type Locale, type Role } from '@stegvis/contracts';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { StegvisRequest } from '../../access/caller';
import type { ResolvedSession, SessionResolver } from '../../access/session-resolver';
import { AppConfig } from '../../config/app-config';

export const SESSION_COOKIE = 'sv_session';
export const CSRF_COOKIE = 'XSRF-TOKEN';
// Writing last_seen_at on every request would make each read a write; a minute's slack is harmless.
const TOUCH_AFTER_MS = 60_000;

export type { ResolvedSession };

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Opaque, server-side sessions: revocable at once (logout, disable, password change). */
@Injectable()
export class SessionService implements SessionResolver {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  credentialsOf(request: StegvisRequest): { token: string; viaCookie: boolean } | null {
    const header = request.headers.authorization;
    if (typeof header === 'string' && header.startsWith('Bearer ')) {
      const token = header.slice(7).trim();
      return token ? { token, viaCookie: false } : null;
    }
    const cookie = (request as StegvisRequest & { cookies?: Record<string, string | undefined> })
      .cookies?.[SESSION_COOKIE];
    return cookie ? { token: cookie, viaCookie: true } : null;
  }

  async create(
    manager: EntityManager,
    userId: string,
  ): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.SESSION_ABSOLUTE_HOURS * 3_600_000);
    await manager.query(
      `INSERT INTO sessions (token_hash, user_id, csrf_token, last_seen_at, expires_at)
       VALUES ($1, $2, $3, now(), $4)`,
      [hashToken(token), userId, csrfToken, expiresAt],
    );
    return { token, csrfToken, expiresAt };
  }

  /** The live session behind a token, or null when unknown, revoked, idle too long, expired or the user is disabled. */
  async resolve(token: string): Promise<ResolvedSession | null> {
    const rows: SessionRow[] = await this.dataSource.query(
      `SELECT s.id AS session_id, s.csrf_token, s.last_seen_at,
              u.id AS user_id, u.email, u.name, u.role, u.locale, u.enterprise_id,
              (u.mfa_enabled_at IS NOT NULL) AS mfa_enabled, u.must_change_password,
              (s.reauthenticated_at IS NOT NULL
                AND s.reauthenticated_at > now() - make_interval(mins => $3)) AS reauthenticated,
              ARRAY(SELECT pm.programme_id::text FROM programme_members pm
                    WHERE pm.user_id = u.id ORDER BY pm.programme_id) AS programme_ids
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1
          AND s.revoked_at IS NULL
          AND s.expires_at > now()
          AND s.last_seen_at > now() - make_interval(mins => $2)
          AND u.disabled_at IS NULL`,
      [hashToken(token), this.config.SESSION_IDLE_MINUTES, this.config.REAUTH_MINUTES],
    );
    const row = rows[0];
    if (!row || !isRole(row.role)) return null;
    if (Date.now() - new Date(row.last_seen_at).getTime() > TOUCH_AFTER_MS) {
      await this.dataSource.query(`UPDATE sessions SET last_seen_at = now() WHERE id = $1`, [
        row.session_id,
      ]);
    }
    return {
      csrfToken: row.csrf_token,
      caller: {
        userId: row.user_id,
        email: row.email,
        name: row.name,
        role: row.role,
        locale: row.locale,
        enterpriseId: row.enterprise_id,
        programmeIds: row.programme_ids,
        sessionId: row.session_id,
        mfaEnabled: row.mfa_enabled,
        mustChangePassword: row.must_change_password,
        recentlyReauthenticated: row.reauthenticated,
      },
    };
  }

  async ownerOfEndedSession(token: string): Promise<{ userId: string; role: Role | null } | null> {
    const rows: { user_id: string; role: string | null }[] = await this.dataSource.query(
      `SELECT s.user_id, u.role FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1`,
      [hashToken(token)],
    );
    const row = rows[0];
    if (!row) return null;
    return { userId: row.user_id, role: row.role !== null && isRole(row.role) ? row.role : null };
  }

  csrfMatches(expected: string, given: string): boolean {
    const a = Buffer.from(expected);
    const b = Buffer.from(given);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** The user has just entered their password (or TOTP code) again in this session. */
  async markReauthenticated(sessionId: string): Promise<void> {
    await this.dataSource.query(`UPDATE sessions SET reauthenticated_at = now() WHERE id = $1`, [
      sessionId,
    ]);
  }

  async revoke(manager: EntityManager, sessionId: string): Promise<void> {
    await manager.query(
      `UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId],
    );
  }

  /** Ends every session of a user (disable, password reset), except optionally the current one. */
  async revokeAllOf(
    manager: EntityManager,
    userId: string,
    exceptSessionId?: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE sessions SET revoked_at = now()
        WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [userId, exceptSessionId ?? null],
    );
  }
}

interface SessionRow {
  session_id: string;
  csrf_token: string;
  last_seen_at: string | Date;
  user_id: string;
  email: string;
  name: string;
  role: string;
  locale: Locale;
  enterprise_id: string | null;
  programme_ids: string[];
  mfa_enabled: boolean;
  must_change_password: boolean;
  reauthenticated: boolean;
}
