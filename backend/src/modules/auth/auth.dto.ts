import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import {
  LOCALES,
  type ChangePasswordRequest,
  type ConfirmMfaRequest,
  type DisableMfaRequest,
  type Locale,
  type LoginRequest,
  type ReauthRequest,
  type StartMfaEnrolmentRequest,
  type UpdateMeRequest,
} from '@stegvis/contracts';
import { MFA_CODE_MAX_LENGTH } from './mfa-codes';
import { PASSWORD_MAX_LENGTH } from './passwords';

export class LoginDto implements LoginRequest {
  /** @example coach@demo.stegvis.se */
  @IsString()
  @MaxLength(320)
  email: string;

  /** @example stegvis-demo */
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;

  /**
   * For accounts with two-step verification: the 6-digit code from the authenticator app, or an
   * unused recovery code. Without it such an account answers 401 with `code: "mfa_required"`.
   */
  @IsOptional()
  @IsString()
  @MaxLength(MFA_CODE_MAX_LENGTH)
  code?: string;
}

/**
 * Re-authentication before an admin's sensitive change: the password, or (for an account with
 * two-step verification) a current code instead. Exactly one of the two.
 */
export class ReauthDto implements ReauthRequest {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(MFA_CODE_MAX_LENGTH)
  code?: string;
}

export class StartMfaEnrolmentDto implements StartMfaEnrolmentRequest {
  /** The current password, asked again before the second factor changes. */
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

export class ConfirmMfaDto implements ConfirmMfaRequest {
  /** The 6-digit code the authenticator app shows for the new secret. */
  @IsString()
  @MinLength(1)
  @MaxLength(MFA_CODE_MAX_LENGTH)
  code: string;
}

export class DisableMfaDto implements DisableMfaRequest {
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;

  /** A current 6-digit code, or an unused recovery code. */
  @IsString()
  @MinLength(1)
  @MaxLength(MFA_CODE_MAX_LENGTH)
  code: string;
}

export class UpdateMeDto implements UpdateMeRequest {
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  newPassword: string;
}
