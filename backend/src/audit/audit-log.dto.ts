import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  AUDIT_ACTIONS,
  AUDIT_EXTRACT_FORMATS,
  LOCALES,
  type AuditAction,
  type AuditExtractFormat,
  type Locale,
} from '@stegvis/contracts';
import type * as contract from '@stegvis/contracts';

export class ListAuditLogQuery implements contract.ListAuditLogQuery {
  /** "Who viewed or changed this record?" */
  @IsOptional() @IsUUID() entityId?: string;

  /** A participant's short reference (`P-7F3A2C91`): every row concerning that participation. */
  @IsOptional() @IsString() @MaxLength(20) participantRef?: string;

  @IsOptional() @IsUUID() userId?: string;

  @IsOptional() @IsIn(AUDIT_ACTIONS) action?: AuditAction;

  @IsOptional() @IsString() @MaxLength(50) entity?: string;

  @IsOptional() @IsISO8601() from?: string;

  @IsOptional() @IsISO8601() to?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @IsOptional() @IsString() @MaxLength(500) cursor?: string;
}

export class AuditExtractQuery implements contract.AuditExtractQuery {
  @IsString() @MaxLength(20) participantRef: string;

  @IsOptional() @IsISO8601() from?: string;

  /** Exclusive. */
  @IsOptional() @IsISO8601() to?: string;

  @IsOptional() @IsIn(AUDIT_EXTRACT_FORMATS) format?: AuditExtractFormat;

  /** Language of the CSV's words; default sv. */
  @IsOptional() @IsIn(LOCALES) lang?: Locale;
}
