import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PLAN_STEP_STATUSES,
  type PlanStepInput,
  type PlanStepStatus,
  type SaveActionPlanRequest,
} from '@stegvis/contracts';
import type * as contract from '@stegvis/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsDateOnly } from '../../common/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimToNull = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() || null : value;

export const MAX_PLAN_STEPS = 100;
const MAX_VERSION = 2147483647;

export class PlanStepDto implements PlanStepInput {
  @ApiPropertyOptional({
    description:
      'The id of a step of this plan (current or earlier version), kept; leave out for a new step, which gets an id from the server. Any other id is 400.',
  })
  @IsOptional()
  @IsUUID('all')
  id?: string;

  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  text: string;

  @ApiProperty({ enum: PLAN_STEP_STATUSES })
  @IsIn(PLAN_STEP_STATUSES)
  status: PlanStepStatus;

  @IsOptional()
  @IsDateOnly()
  dueDate?: string | null;

  @ApiPropertyOptional({
    description: 'Who is responsible, in words ("deltagaren", "coach", a name)',
  })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(200)
  responsible?: string | null;

  @ApiPropertyOptional({ description: "Shown to the supervisor of the participant's placement" })
  @IsOptional()
  @IsBoolean()
  concernsPlacement?: boolean;
}

/** The whole plan: the steps replace the previous ones, in this order. */
export class SaveActionPlanDto implements SaveActionPlanRequest {
  @Transform(trim)
  @IsString()
  @MaxLength(5000)
  goal: string;

  @ApiProperty({ type: [PlanStepDto], maxItems: MAX_PLAN_STEPS })
  @IsArray()
  @ArrayMaxSize(MAX_PLAN_STEPS)
  @ValidateNested({ each: true })
  @Type(() => PlanStepDto)
  steps: PlanStepDto[];
}

export class ListRevisionsQuery implements contract.ListRevisionsQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export class DiffQuery implements contract.DiffQuery {
  @ApiProperty({ description: 'The earlier version; 0 is the empty plan before the first save' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_VERSION)
  from: number;

  @ApiProperty({ description: 'The later version' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_VERSION)
  to: number;
}
