import { Injectable, UnauthorizedException } from '@nestjs/common';
import { isRole, type LoginResponse } from '@stegvis/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { HttpExceptionWithBody } from '../../common/http-exception.filter';
import { UserEntity } from '../users/user.entity';
import { LoginThrottleService } from './login-throttle.service';
import { MfaService, type MfaMethod } from './mfa.service';
import { verifyAgainstDummy, verifyPassword } from './passwords';
import { SessionService } from './session.service';

const WRONG_CREDENTIALS = 'Wrong email or password.';

export interface RequestMeta {
  requestId: string;
  ip: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
    private readonly mfa: MfaService,
  ) {}

  /**
   * Password first; then, for an account with two-step verification, the code. Only a caller who
   * got the password right learns that a code is needed (401 `mfa_required`); a wrong or reused
   * code counts as a failed login towards the lockout, like a wrong password.
   */
  async login(
    email: string,
    password: string,
    meta: RequestMeta,
    code?: string,
  ): Promise<LoginResponse & { csrfToken: string; expiresAt: Date }> {
    const keys = this.throttle.keys(email, meta.ip);
    await this.throttle.assertNotLocked(keys);

    const user = await this.dataSource
      .getRepository(UserEntity)
      .findOne({ where: { email: email.trim().toLowerCase() } });
    let ok = false;
    if (user) ok = await verifyPassword(user.passwordHash, password);
    else await verifyAgainstDummy(password);

    if (!user || !ok || user.disabledAt || !isRole(user.role)) {
      await this.throttle.recordFailure(keys);
      await this.audit.write({
        userId: user?.id ?? null,
        role: null,
        action: 'login-failed',
        entity: 'user',
        entityId: user?.id ?? null,
        requestId: meta.requestId,
        ip: meta.ip,
        detail: {
          reason: !user ? 'unknown-account' : user.disabledAt ? 'disabled' : 'wrong-password',
        },
      });
      throw new UnauthorizedException(WRONG_CREDENTIALS);
    }

    let mfa: MfaMethod | null = null;
    if (user.mfaEnabledAt) {
      if (code === undefined || code === null || code.trim() === '') {
        throw new HttpExceptionWithBody(401, 'Enter the code from your authenticator app.', {
          code: 'mfa_required',
        });
      }
      mfa = await this.mfa.verify(user, code);
      if (!mfa) {
        await this.throttle.recordFailure(keys);
        await this.audit.write({
          userId: user.id,
          role: null,
          action: 'login-failed',
          entity: 'user',
          entityId: user.id,
          requestId: meta.requestId,
          ip: meta.ip,
          detail: { reason: 'wrong-mfa-code' },
        });
        throw new HttpExceptionWithBody(401, 'The code is wrong or has already been used.', {
          code: 'mfa_invalid',
        });
      }
    }

    await this.throttle.recordSuccess(keys);
    return this.dataSource.transaction(async (manager) => {
      const session = await this.sessions.create(manager, user.id);
      await this.audit.write(
        {
          userId: user.id,
          role: user.role,
          action: 'login',
          entity: 'user',
          entityId: user.id,
          requestId: meta.requestId,
          ip: meta.ip,
          ...(mfa && { detail: { mfa } }),
        },
        manager,
      );
      return {
        accessToken: session.token,
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt,
        user: { id: user.id, email: user.email, name: user.name, role: user.role },
      };
    });
  }
}
