import { ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsDateOnly } from '../../common/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class PlannedParticipantsDto {
  @IsOptional() @IsInt() @Min(0) @Max(100000) female?: number;
  @IsOptional() @IsInt() @Min(0) @Max(100000) male?: number;
  @IsOptional() @IsInt() @Min(0) @Max(100000) other?: number;
  @IsOptional() @IsInt() @Min(0) @Max(100000) undisclosed?: number;
}

export class GenderSplitDto {
  @IsInt() @Min(0) @Max(100) minPercent: number;
  @IsInt() @Min(0) @Max(100) maxPercent: number;
}

export class ProgrammeTargetsDto {
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PlannedParticipantsDto)
  plannedParticipants?: PlannedParticipantsDto;

  @IsOptional() @IsInt() @Min(0) @Max(100000) placements?: number | null;

  @IsOptional() @IsInt() @Min(0) @Max(1000) sessionsPerParticipant?: number | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => GenderSplitDto)
  genderSplit?: GenderSplitDto | null;
}

export class FollowUpCadenceDto {
  @IsInt() @Min(0) @Max(52) initialWeeks: number;
  @IsInt() @Min(1) @Max(90) initialIntervalDays: number;
  @IsInt() @Min(1) @Max(180) laterIntervalDays: number;
}

export class CreateProgrammeDto {
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @IsDateOnly() periodStart: string;

  @IsDateOnly() periodEnd: string;

  @IsOptional() @IsDateOnly() intakeEnd?: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => ProgrammeTargetsDto)
  targets?: ProgrammeTargetsDto;

  @ApiPropertyOptional({ description: 'Default: weekly for the first 4 weeks, then every 30 days' })
  @IsOptional()
  @ValidateNested()
  @Type(() => FollowUpCadenceDto)
  followUpCadence?: FollowUpCadenceDto;

  @ApiPropertyOptional({
    description: 'Small-cell suppression threshold k (default 5, at least 3)',
  })
  @IsOptional()
  @IsInt()
  @Min(3)
  @Max(100)
  suppressionThreshold?: number;
}

export class UpdateProgrammeDto extends PartialType(CreateProgrammeDto) {}
