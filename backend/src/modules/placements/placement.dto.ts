import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  type CreateFollowUpRequest,
  type CreatePlacementRequest,
  FOLLOW_UP_MODES,
  type FollowUpMode,
  PLACEMENT_ACTIONS,
  PLACEMENT_KINDS,
  PLACEMENT_STATUSES,
  type PlacementAction,
  type PlacementKind,
  type PlacementStatus,
  type UpdatePlacementRequest,
} from '@stegvis/contracts';
import type * as contract from '@stegvis/contracts';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { IsDateOnly } from '../../common/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;
const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

export class CreatePlacementDto implements CreatePlacementRequest {
  @IsUUID() participantId: string;

  @IsUUID() enterpriseId: string;

  @IsIn(PLACEMENT_KINDS) kind: PlacementKind;

  @ApiPropertyOptional({ description: "In the future → status 'planned', else 'active'" })
  @IsDateOnly()
  startDate: string;

  @IsOptional() @IsDateOnly() plannedEndDate?: string | null;

  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(0)
  @Max(80)
  hoursPerWeek?: number | null;

  @ApiPropertyOptional({
    description: 'Supervisors (users with role supervisor) at the enterprise',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  supervisorIds?: string[];
}

/**
 * Field changes and, optionally, one status transition:
 * start (planned → active, on `date`), pause (active → paused from `date`), resume (paused →
 * active again on `date`), end (→ ended, actual end `date`, `reason`), abort (→ aborted, `reason`).
 */
export class UpdatePlacementDto implements UpdatePlacementRequest {
  @IsOptional() @IsDateOnly() plannedEndDate?: string | null;

  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(0)
  @Max(80)
  hoursPerWeek?: number | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  supervisorIds?: string[];

  @ApiPropertyOptional({ enum: PLACEMENT_ACTIONS })
  @IsOptional()
  @IsIn(PLACEMENT_ACTIONS)
  action?: PlacementAction;

  @ApiPropertyOptional({ description: 'The day of the transition (required with action)' })
  @ValidateIf((o: UpdatePlacementDto) => o.action !== undefined || o.date !== undefined)
  @IsDateOnly()
  date?: string;

  @ApiPropertyOptional({ description: 'Required when ending or aborting' })
  @ValidateIf(
    (o: UpdatePlacementDto) => o.action === 'end' || o.action === 'abort' || o.reason !== undefined,
  )
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason?: string;
}

export class ListPlacementsQuery implements contract.ListPlacementsQuery {
  @IsOptional() @IsUUID() participantId?: string;

  @IsOptional() @IsUUID() enterpriseId?: string;

  @IsOptional() @IsIn(PLACEMENT_STATUSES) status?: PlacementStatus;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100) limit?: number;

  @IsOptional() @IsString() @MaxLength(500) cursor?: string;
}

export class CreateFollowUpDto implements CreateFollowUpRequest {
  @ApiPropertyOptional({ description: 'Not in the future, not before the placement started' })
  @IsDateOnly()
  date: string;

  @IsIn(FOLLOW_UP_MODES) mode: FollowUpMode;

  @ApiPropertyOptional({ description: 'Days present since the last follow-up' })
  @IsInt()
  @Min(0)
  @Max(366)
  daysPresent: number;

  @IsInt() @Min(0) @Max(366) daysAbsent: number;

  @ApiPropertyOptional({ description: 'How it is going, 1 (badly) – 5 (very well)' })
  @IsInt()
  @Min(1)
  @Max(5)
  wellbeing: number;

  @IsOptional() @Transform(trim) @IsString() @MaxLength(5000) notes?: string | null;

  @IsOptional() @IsBoolean() concern?: boolean;
}

export class DueFollowUpsQuery implements contract.DueFollowUpsQuery {
  @ApiPropertyOptional({ description: 'Coaches: only participants they are responsible coach for' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  mine?: boolean;
}
