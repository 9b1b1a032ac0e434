import { Injectable, UnauthorizedException } from '@nestjs/common';
import { isRole, type LoginResponse } from '@stegvis/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { UserEntity } from '../users/user.entity';
import { LoginThrottleService } from './login-throttle.service';
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
  ) {}

  async login(
    email: string,
    password: string,
    meta: RequestMeta,
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
