import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  LOCALES,
  ROLES,
  type CreateUserRequest,
  type Locale,
  type Role,
  type UpdateUserRequest,
} from '@stegvis/contracts';
import type * as contract from '@stegvis/contracts';
import { PASSWORD_MAX_LENGTH } from '../auth/passwords';

const trimLower = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateUserDto implements CreateUserRequest {
  @Transform(trimLower)
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(320)
  email: string;

  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @IsIn(ROLES)
  role: Role;

  /** Checked against the password policy (≥ 12 characters, not a common password). */
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;

  /** Required for supervisors, refused for the other roles. */
  @IsOptional()
  @IsUUID()
  enterpriseId?: string;

  /** Programmes a coach or lead belongs to. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  programmeIds?: string[];

  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class UpdateUserDto implements UpdateUserRequest {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @IsOptional()
  @IsUUID()
  enterpriseId?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  programmeIds?: string[];

  /** true ends every session of the user at once. */
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  /** A new password set by the admin (a reset); ends the user's sessions. */
  @IsOptional()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password?: string;
}

export class ListUsersQuery implements contract.ListUsersQuery {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}
