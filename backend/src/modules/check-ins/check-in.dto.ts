import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CHECK_IN_OCCASIONS,
  type CheckInOccasion,
  type CreateCheckInRequest,
  type CreateInstrumentRequest,
  type IndicatorInput,
  RATERS,
  type Rater,
} from '@stegvis/contracts';
import type * as contract from '@stegvis/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsDateOnly } from '../../common/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

const KEY = /^[a-z][a-z0-9_]{0,49}$/;
const KEY_MESSAGE = 'must be 1–50 lower-case letters, digits or _, starting with a letter';

export class IndicatorDto implements IndicatorInput {
  @Matches(KEY, { message: `key ${KEY_MESSAGE}` }) key: string;

  @Transform(trim) @IsString() @MinLength(1) @MaxLength(200) labelSv: string;

  @Transform(trim) @IsString() @MinLength(1) @MaxLength(200) labelEn: string;

  @IsInt() @Min(0) @Max(100) min: number;

  @IsInt() @Min(1) @Max(100) max: number;

  @ApiProperty({
    description:
      'Stage labels, low to high: one per point of the scale, or fewer that divide it evenly ' +
      '(1–10 with 5 stages: two points each)',
  })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(101)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  stagesSv: string[];

  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(101)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  stagesEn: string[];
}

export class CreateInstrumentDto implements CreateInstrumentRequest {
  @IsUUID() programmeId: string;

  @ApiProperty({ description: 'Posting an existing key of the programme creates its next version' })
  @Matches(KEY, { message: `key ${KEY_MESSAGE}` })
  key: string;

  @Transform(trim) @IsString() @MinLength(1) @MaxLength(200) nameSv: string;

  @Transform(trim) @IsString() @MinLength(1) @MaxLength(200) nameEn: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => IndicatorDto)
  indicators: IndicatorDto[];
}

export class ListInstrumentsQuery implements contract.ListInstrumentsQuery {
  @ApiPropertyOptional({ description: 'The shipped instruments plus this programme’s own' })
  @IsOptional()
  @IsUUID()
  programmeId?: string;

  @ApiPropertyOptional({
    description:
      'The shipped instruments plus those of this participant’s programme (404 if not visible)',
  })
  @IsOptional()
  @IsUUID()
  participantId?: string;
}

export class CreateCheckInDto implements CreateCheckInRequest {
  @IsUUID() instrumentId: string;

  @IsIn(CHECK_IN_OCCASIONS) occasion: CheckInOccasion;

  @ApiPropertyOptional({
    enum: RATERS,
    description:
      "Coaches record 'coach' (the default) or 'participant'; supervisors only 'supervisor' (the default)",
  })
  @IsOptional()
  @IsIn(RATERS)
  rater?: Rater;

  @ApiProperty({ description: 'Not in the future' }) @IsDateOnly() date: string;

  @ApiProperty({
    description: 'Indicator key → integer score within the indicator’s scale (at least one)',
    type: 'object',
    additionalProperties: { type: 'integer' },
  })
  @IsObject()
  scores: Record<string, number>;

  @ApiPropertyOptional({
    description: 'Step ladder: 0 no activity … 4 job or studies',
    minimum: 0,
    maximum: 4,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(4)
  ladder?: number | null;
}

export class ListCheckInsQuery implements contract.ListCheckInsQuery {
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100) limit?: number;

  @IsOptional() @IsString() @MaxLength(500) cursor?: string;
}
