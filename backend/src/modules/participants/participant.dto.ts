import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  EDUCATION_LEVELS,
  type EducationLevel,
  EXIT_REASONS,
  type ExitReason,
  GENDERS,
  type Gender,
  INCOME_SOURCES,
  type IncomeSource,
  OCCUPATIONS,
  type Occupation,
  PARTICIPANT_STATUSES,
  type ParticipantStatus,
  REFERRED_BY,
  type ReferredBy,
  TIME_IN_SUPPORT,
  type TimeInSupport,
  type ConsentChangeInput,
  type ConsentInput,
  type CreateParticipantRequest,
  type EraseParticipantRequest,
  type ExitInput,
  type ReopenParticipationRequest,
  type SnapshotInput,
  type UpdateParticipantRequest,
} from '@stegvis/contracts';
import type * as contract from '@stegvis/contracts';
import { validatePersonnummer } from '@stegvis/domain';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  registerDecorator,
  ValidateIf,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { IsDateOnly } from '../../common/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Present → must not be null (IsOptional alone would let null through). */
const NotNullIfPresent = () => ValidateIf((_: object, value: unknown) => value !== undefined);

/** A personnummer with a real date and a valid check digit. The message never repeats the value. */
export function IsPersonnummer(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isPersonnummer',
      target: object.constructor,
      propertyName,
      options: {
        message: (args) => {
          const result =
            typeof args.value === 'string' ? validatePersonnummer(args.value) : undefined;
          if (result && !result.valid && result.reason === 'date') {
            return `${propertyName} has a date that does not exist or lies in the future`;
          }
          if (result && !result.valid && result.reason === 'checksum') {
            return `${propertyName} has a wrong check digit`;
          }
          return `${propertyName} must be 12 digits as YYYYMMDD-NNNN`;
        },
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && validatePersonnummer(value).valid,
      },
    });
}

export class SnapshotDto implements SnapshotInput {
  @IsArray()
  @ArrayMaxSize(INCOME_SOURCES.length)
  @ArrayUnique()
  @IsIn(INCOME_SOURCES, { each: true })
  incomeSources: IncomeSource[];

  @IsOptional() @IsIn(TIME_IN_SUPPORT) timeInSupport?: TimeInSupport | null;

  @IsOptional() @IsIn(OCCUPATIONS) occupation?: Occupation | null;

  @IsOptional() @IsInt() @Min(0) @Max(100) occupationPercent?: number | null;
}

export class CreateConsentDto implements ConsentInput {
  @IsBoolean() given: boolean;

  @IsOptional() @IsDateOnly() date?: string | null;

  @IsOptional() @Transform(trim) @IsString() @MaxLength(50) formVersion?: string | null;
}

export class CreateParticipantDto implements CreateParticipantRequest {
  @IsUUID() programmeId: string;

  @ApiPropertyOptional({ description: 'Required unless the record is reduced' })
  @NotNullIfPresent()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  firstName?: string;

  @ApiPropertyOptional({ description: 'Required unless the record is reduced' })
  @NotNullIfPresent()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  lastName?: string;

  @IsIn(GENDERS) gender: Gender;

  @ApiPropertyOptional({ description: 'Derived from the personnummer when one is given' })
  @NotNullIfPresent()
  @IsInt()
  @Min(1900)
  @Max(2100)
  birthYear?: number;

  @ApiProperty({ description: 'The start year and month are those of this day' })
  @IsDateOnly()
  enrolledAt: string;

  @IsObject()
  @ValidateNested()
  @Type(() => CreateConsentDto)
  consent: CreateConsentDto;

  @ApiPropertyOptional({ description: 'YYYYMMDD-NNNN or 12 digits; stored as 12 digits' })
  @IsOptional()
  @IsPersonnummer()
  personnummer?: string | null;

  @IsOptional() @Transform(trim) @IsString() @MaxLength(100) municipality?: string | null;

  @IsOptional() @IsIn(EDUCATION_LEVELS) education?: EducationLevel | null;

  @IsOptional() @IsIn(REFERRED_BY) referredBy?: ReferredBy | null;

  @ApiPropertyOptional({ description: 'true → only gender and the start and exit month are kept' })
  @IsOptional()
  @IsBoolean()
  protectedIdentity?: boolean;

  @ApiPropertyOptional({ description: 'A coach of the programme; default: the caller' })
  @IsOptional()
  @IsUUID()
  responsibleCoachId?: string | null;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SnapshotDto)
  startSnapshot?: SnapshotDto | null;
}

export class ExitDto implements ExitInput {
  @IsDateOnly() date: string;

  @IsIn(EXIT_REASONS) reason: ExitReason;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SnapshotDto)
  snapshot?: SnapshotDto | null;
}

export class UpdateConsentDto implements ConsentChangeInput {
  @ApiPropertyOptional({ description: 'false = consent withdrawn: the record is reduced' })
  @IsOptional()
  @IsBoolean()
  given?: boolean;

  @IsOptional() @IsDateOnly() date?: string | null;

  @IsOptional() @Transform(trim) @IsString() @MaxLength(50) formVersion?: string | null;

  @ApiPropertyOptional({ description: 'Withdrawal date: the record is reduced' })
  @IsOptional()
  @IsDateOnly()
  withdrawnAt?: string;
}

export const EDITABLE_STATUSES = ['active', 'paused'] as const;

export class UpdateParticipantDto implements UpdateParticipantRequest {
  @NotNullIfPresent()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  firstName?: string;

  @NotNullIfPresent()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  lastName?: string;

  @NotNullIfPresent() @IsIn(GENDERS) gender?: Gender;

  @NotNullIfPresent() @IsInt() @Min(1900) @Max(2100) birthYear?: number;

  @ApiPropertyOptional({ description: 'null removes it' })
  @IsOptional()
  @IsPersonnummer()
  personnummer?: string | null;

  @IsOptional() @Transform(trim) @IsString() @MaxLength(100) municipality?: string | null;

  @IsOptional() @IsIn(EDUCATION_LEVELS) education?: EducationLevel | null;

  @IsOptional() @IsIn(REFERRED_BY) referredBy?: ReferredBy | null;

  @ApiPropertyOptional({
    description: 'true reduces the record to gender and start and exit month',
  })
  @NotNullIfPresent()
  @IsBoolean()
  protectedIdentity?: boolean;

  @IsOptional() @IsUUID() responsibleCoachId?: string | null;

  @ApiPropertyOptional({
    description: 'active or paused; on an exited participant this re-opens the participation',
    enum: EDITABLE_STATUSES,
  })
  @NotNullIfPresent()
  @IsIn(EDITABLE_STATUSES)
  status?: Exclude<ParticipantStatus, 'exited'>;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SnapshotDto)
  startSnapshot?: SnapshotDto | null;

  @ApiPropertyOptional({ description: 'Ends the participation: status becomes exited' })
  @NotNullIfPresent()
  @IsObject()
  @ValidateNested()
  @Type(() => ExitDto)
  exit?: ExitDto;

  @NotNullIfPresent()
  @IsObject()
  @ValidateNested()
  @Type(() => UpdateConsentDto)
  consent?: UpdateConsentDto;
}

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListParticipantsQuery implements contract.ListParticipantsQuery {
  @ApiPropertyOptional({
    description:
      'Part of the first or last name, case-insensitive; or (coaches) a personnummer: 12 digits, 10 without the century, or the last four digits',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @IsOptional() @IsIn(PARTICIPANT_STATUSES) status?: ParticipantStatus;

  @IsOptional() @IsUUID() programmeId?: string;

  @ApiPropertyOptional({ description: 'The responsible coach' })
  @IsOptional()
  @IsUUID()
  coachId?: string;

  @ApiPropertyOptional({ description: 'true = only those with an overdue placement follow-up' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  overdue?: boolean;

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

export class EraseParticipantDto implements EraseParticipantRequest {
  @ApiProperty({ description: 'Why; stored on the record only, never in the audit log' })
  @Transform(trim)
  @IsString()
  @MinLength(10)
  @MaxLength(500)
  reason: string;
}

export class ReopenParticipationDto implements ReopenParticipationRequest {
  @ApiProperty({ description: 'Why the exit is undone (e.g. registered too early); coaches only' })
  @Transform(trim)
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason: string;

  @ApiPropertyOptional({
    description: 'The status after re-opening; default active',
    enum: EDITABLE_STATUSES,
  })
  @IsOptional()
  @IsIn(EDITABLE_STATUSES)
  status?: Exclude<ParticipantStatus, 'exited'>;
}
