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
import { AUDIT_ACTIONS, type AuditAction } from '@stegvis/contracts';

export class ListAuditLogQuery {
  /** "Who viewed or changed this record?" */
  @IsOptional() @IsUUID() entityId?: string;

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
