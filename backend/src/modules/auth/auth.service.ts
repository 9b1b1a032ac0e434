import { Injectable, UnauthorizedException } from '@nestjs/common';
import { isRole, type LoginResponse } from '@stegvis/contracts';
import { DataSource } from 'typeorm';
import type { Access } from '../../access/decorators';
import { AuditService } from '../../audit/audit.service';
import { FieldValidationException } from '../../common/validation';
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
   * code counts as a failed login towards the lockout, like a wrong password. The attempt is
   * reserved before anything is checked (429 when the account or the address is used up), so
   * concurrent guesses cannot get past the limit.
   */
  async login(
    email: string,
    password: string,
    meta: RequestMeta,
    code?: string,
  ): Promise<LoginResponse & { csrfToken: string; expiresAt: Date }> {
    const keys = this.throttle.keys(email, meta.ip);
    await this.throttle.reserve(keys);

    const user = await this.dataSource
      .getRepository(UserEntity)
      .findOne({ where: { email: email.trim().toLowerCase() } });
    let ok = false;
    if (user) ok = await verifyPassword(user.passwordHash, password);
    else await verifyAgainstDummy(password);

    if (!user || !ok || user.disabledAt || !isRole(user.role)) {
      // The reserved attempt stays counted: it is the failure.
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
        // The right password is not a failure; the code will come with the next attempt.
        await this.throttle.release(keys);
        throw new HttpExceptionWithBody(401, 'Enter the code from your authenticator app.', {
          code: 'mfa_required',
        });
      }
      mfa = await this.mfa.verify(user, code);
      if (!mfa) {
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

    await this.throttle.succeeded(keys);
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
        user: {
          id: user.id,
          email: user.email,
          name: user.name,
          role: user.role,
          mustChangePassword: user.mustChangePassword,
        },
      };
    });
  }

  /**
   * The caller enters their password (or, with two-step verification on, a current code) again:
   * the session may make the changes that need a recent re-authentication for REAUTH_MINUTES. A
   * wrong answer counts as a failed login towards the lockout.
   */
  async reauthenticate(
    access: Access,
    answer: { password?: string; code?: string },
    meta: RequestMeta,
  ): Promise<void> {
    if ((answer.password === undefined) === (answer.code === undefined)) {
      throw new FieldValidationException({
        password: ['Enter your password, or a code from your authenticator app.'],
      });
    }
    const user = await this.dataSource
      .getRepository(UserEntity)
      .findOneByOrFail({ id: access.userId });
    if (answer.code !== undefined && !user.mfaEnabledAt) {
      throw new FieldValidationException({
        code: ['Two-step verification is not on for your account: enter your password.'],
      });
    }
    // The attempt is reserved before it is checked (atomic across instances); a wrong answer keeps
    // it as a failure, a right one gives it back — as at login.
    const keys = this.throttle.keys(user.email, meta.ip);
    await this.throttle.reserve(keys);
    const ok =
      answer.password !== undefined
        ? await verifyPassword(user.passwordHash, answer.password)
        : (await this.mfa.verify(user, answer.code ?? '')) !== null;
    if (!ok) {
      throw new FieldValidationException(
        answer.password !== undefined
          ? { password: ['The password is wrong.'] }
          : { code: ['The code is wrong or has already been used.'] },
      );
    }
    await this.throttle.release(keys);
    await this.sessions.markReauthenticated(access.sessionId);
  }
}
