import {
  ConflictException,
  Injectable,
  OnApplicationBootstrap,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { MfaEnrolment, MfaRecoveryCodes, MfaStatus } from '@stegvis/contracts';
import { Secret, TOTP } from 'otpauth';
import * as QRCode from 'qrcode';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import type { Access } from '../../access/decorators';
import { orNotFound } from '../../access/scoping';
import { AppConfig } from '../../config/app-config';
import { FieldValidationException } from '../../common/validation';
import { UserEntity } from '../users/user.entity';
import type { RequestMeta } from './auth.service';
import {
  classifyCode,
  hashRecoveryCode,
  newRecoveryCode,
  RECOVERY_CODE_COUNT,
  recoveryCodeMatches,
} from './mfa-codes';
import { decryptSecret, encryptSecret, loadMfaKey } from './mfa-crypto';
import { MfaRecoveryCodeEntity } from './mfa.entity';
import { LoginThrottleService } from './login-throttle.service';
import { verifyPassword } from './passwords';
import { SessionService } from './session.service';

// RFC 6238 with the parameters every authenticator app understands.
const ISSUER = 'Stegvis';
const ALGORITHM = 'SHA1';
const DIGITS = 6;
const PERIOD = 30;
/** One step either side: a phone clock up to 30 s off, or a code typed as it changed. */
const WINDOW = 1;

export type MfaMethod = 'totp' | 'recovery-code';

/**
 * TOTP multi-factor authentication: enrolment (a secret, encrypted at rest, that becomes active
 * only after a correct code), one-time recovery codes (argon2id hashes), verification at login
 * with replay protection (a time step is accepted once), turning it off and an admin's reset.
 */
@Injectable()
export class MfaService implements OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottleService,
  ) {}

  /** Refuses to start when MFA is on for someone and their secrets cannot be decrypted. */
  async onApplicationBootstrap(): Promise<void> {
    const [sample] = await this.dataSource.getRepository(UserEntity).find({
      select: { id: true, mfaSecret: true },
      where: { mfaEnabledAt: Not(IsNull()) },
      take: 1,
    });
    if (!sample?.mfaSecret) return;
    const key = loadMfaKey(this.config, { create: false });
    if (!key) {
      throw new Error(
        'Multi-factor authentication is on for some accounts, but there is no key to decrypt their secrets: set MFA_ENCRYPTION_KEY (README, Configuration).',
      );
    }
    try {
      decryptSecret(key, sample.id, sample.mfaSecret);
    } catch {
      throw new Error(
        'MFA_ENCRYPTION_KEY (or DATA_DIR/mfa.key) does not decrypt the stored MFA secrets: use the key they were encrypted with.',
      );
    }
  }

  async status(userId: string): Promise<MfaStatus> {
    const user = await this.user(userId);
    const left = user.mfaEnabledAt
      ? await this.dataSource
          .getRepository(MfaRecoveryCodeEntity)
          .countBy({ userId, usedAt: IsNull() })
      : 0;
    return {
      enabled: user.mfaEnabledAt !== null,
      enabledAt: user.mfaEnabledAt?.toISOString() ?? null,
      recoveryCodesLeft: left,
    };
  }

  /** A new secret for the caller, pending until confirmed; the password is asked again. */
  async startEnrolment(access: Access, password: string, meta: RequestMeta): Promise<MfaEnrolment> {
    const user = await this.user(access.userId);
    await this.checkPassword(user, password, meta);
    if (user.mfaEnabledAt) throw alreadyOn();
    const key = loadMfaKey(this.config, { create: true });
    if (!key) {
      throw new ServiceUnavailableException(
        'Two-step verification is not configured on this server: the operator must set MFA_ENCRYPTION_KEY.',
      );
    }
    const totp = this.totp(new Secret({ size: 20 }), user.email);
    const updated = await this.dataSource
      .createQueryBuilder()
      .update(UserEntity)
      .set({ mfaSecret: encryptSecret(key, user.id, totp.secret.base32), mfaLastStep: null })
      .where({ id: user.id, mfaEnabledAt: IsNull() })
      .execute();
    if (!updated.affected) throw alreadyOn();
    const otpauthUri = totp.toString();
    const qrSvg = await QRCode.toString(otpauthUri, {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    });
    return { secret: totp.secret.base32, otpauthUri, qrSvg };
  }

  /** A correct code turns MFA on, ends the caller's other sessions, and returns recovery codes. */
  async confirm(access: Access, code: string): Promise<MfaRecoveryCodes> {
    const user = await this.user(access.userId);
    if (user.mfaEnabledAt) throw alreadyOn();
    if (!user.mfaSecret) {
      throw new ConflictException('Start the enrolment first: there is no pending secret.');
    }
    const parsed = classifyCode(code);
    const step = parsed?.kind === 'totp' ? this.stepOf(user, user.mfaSecret, parsed.token) : null;
    if (step === null) {
      throw new FieldValidationException({
        code: [
          'The code is not right. Check that the time on your phone is correct and try again.',
        ],
      });
    }
    const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    const hashes = await Promise.all(recoveryCodes.map(hashRecoveryCode));
    await this.dataSource.transaction(async (manager) => {
      const updated = await manager
        .createQueryBuilder()
        .update(UserEntity)
        .set({ mfaEnabledAt: () => 'now()', mfaLastStep: String(step) })
        .where({ id: user.id, mfaEnabledAt: IsNull(), mfaSecret: user.mfaSecret })
        .execute();
      // A concurrent enrolment replaced the secret, or another confirmation won.
      if (!updated.affected) throw new ConflictException('The enrolment changed meanwhile.');
      await manager.delete(MfaRecoveryCodeEntity, { userId: user.id });
      await manager.insert(
        MfaRecoveryCodeEntity,
        hashes.map((codeHash) => ({ userId: user.id, codeHash, usedAt: null })),
      );
      // Sessions opened with the password alone end; this one has just proved the second factor.
      await this.sessions.revokeAllOf(manager, user.id, access.sessionId);
    });
    return { recoveryCodes };
  }

  /** Turning MFA off needs the password and a current code (or an unused recovery code). */
  async disable(access: Access, password: string, code: string, meta: RequestMeta): Promise<void> {
    const user = await this.user(access.userId);
    if (!user.mfaEnabledAt) throw new ConflictException('Two-step verification is not on.');
    await this.checkPassword(user, password, meta, async () => {
      if (!(await this.verify(user, code))) {
        throw new FieldValidationException({
          code: ['The code is not right, or it has already been used.'],
        });
      }
    });
    await this.dataSource.transaction((manager) => this.clear(manager, user.id));
  }

  /** An admin's reset for a user who lost both their authenticator and their recovery codes. */
  async reset(userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      orNotFound(
        await manager.findOne(UserEntity, { where: { id: userId }, select: { id: true } }),
      );
      await this.clear(manager, userId);
      // Whoever holds a session of that account now may not be its owner.
      await this.sessions.revokeAllOf(manager, userId);
    });
  }

  /**
   * Checks a login's second factor: a TOTP code of a step not used before, or an unused
   * recovery code (which is then spent). Null when the code is wrong, reused or malformed.
   */
  async verify(user: UserEntity, code: string): Promise<MfaMethod | null> {
    if (!user.mfaEnabledAt || !user.mfaSecret) return null;
    const parsed = classifyCode(code);
    if (!parsed) return null;
    if (parsed.kind === 'totp') {
      const step = this.stepOf(user, user.mfaSecret, parsed.token);
      if (step === null) return null;
      // Atomic: of two requests with the same code, only one moves the step forward.
      const moved = await this.dataSource
        .createQueryBuilder()
        .update(UserEntity)
        .set({ mfaLastStep: String(step) })
        .where('id = :id AND mfa_enabled_at IS NOT NULL', { id: user.id })
        .andWhere('(mfa_last_step IS NULL OR mfa_last_step < :step)', { step })
        .execute();
      return moved.affected ? 'totp' : null;
    }
    const unused = await this.dataSource
      .getRepository(MfaRecoveryCodeEntity)
      .find({ where: { userId: user.id, usedAt: IsNull() }, select: { id: true, codeHash: true } });
    for (const candidate of unused) {
      if (!(await recoveryCodeMatches(candidate.codeHash, parsed.code))) continue;
      const spent = await this.dataSource
        .createQueryBuilder()
        .update(MfaRecoveryCodeEntity)
        .set({ usedAt: () => 'now()' })
        .where({ id: candidate.id, usedAt: IsNull() })
        .execute();
      return spent.affected ? 'recovery-code' : null;
    }
    return null;
  }

  private async clear(manager: EntityManager, userId: string): Promise<void> {
    await manager.update(
      UserEntity,
      { id: userId },
      { mfaSecret: null, mfaEnabledAt: null, mfaLastStep: null },
    );
    await manager.delete(MfaRecoveryCodeEntity, { userId });
  }

  /** The time step the token belongs to (±1 around now), or null when it matches none. */
  private stepOf(user: UserEntity, stored: string, token: string): number | null {
    const key = loadMfaKey(this.config, { create: false });
    if (!key) throw new ServiceUnavailableException('Two-step verification is not configured.');
    const totp = this.totp(Secret.fromBase32(decryptSecret(key, user.id, stored)), user.email);
    const now = Date.now();
    const delta = totp.validate({ token, timestamp: now, window: WINDOW });
    return delta === null ? null : totp.counter({ timestamp: now }) + delta;
  }

  private totp(secret: Secret, label: string): TOTP {
    return new TOTP({
      issuer: ISSUER,
      label,
      secret,
      algorithm: ALGORITHM,
      digits: DIGITS,
      period: PERIOD,
    });
  }

  private async user(id: string): Promise<UserEntity> {
    return this.dataSource.getRepository(UserEntity).findOneByOrFail({ id });
  }

  /**
   * Re-authentication before changing the second factor (the password, then `andThen`, e.g. a
   * code check that throws): one attempt reserved like a login's, kept as a failure when either
   * check fails, given back when both pass.
   */
  private async checkPassword(
    user: UserEntity,
    password: string,
    meta: RequestMeta,
    andThen?: () => Promise<void>,
  ): Promise<void> {
    const keys = this.throttle.keys(user.email, meta.ip);
    await this.throttle.reserve(keys);
    if (!(await verifyPassword(user.passwordHash, password))) {
      throw new FieldValidationException({ password: ['The password is wrong.'] });
    }
    await andThen?.();
    await this.throttle.release(keys);
  }
}

function alreadyOn(): ConflictException {
  return new ConflictException('Two-step verification is already on. Turn it off first.');
}
