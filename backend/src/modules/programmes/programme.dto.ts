import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  type CreateProgrammeRequest,
  type FollowUpCadence,
  GENDERS,
  type Gender,
  MAX_TARGETS,
  type ProgrammeTargetInput,
  TARGET_KIND_RULES,
  TARGET_KINDS,
  TARGET_UNITS,
  type TargetKind,
  type TargetKindRule,
  type TargetUnit,
  type UpdateProgrammeRequest,
} from '@stegvis/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  registerDecorator,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';
import { IsDateOnly } from '../../common/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

const trimToNull = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() || null : value;

/** Upper bounds of a target's figures by unit: shares are percent, means sessions per person. */
const FIGURE_MAX: Record<TargetUnit, number> = { count: 100000, percent: 100, mean: 1000 };

type Figure = 'value' | 'min' | 'max';

/** The rule of the target's kind; undefined for a kind that is not known (refused on `kind`). */
function ruleOf(target: ProgrammeTargetDto): TargetKindRule | undefined {
  return (TARGET_KIND_RULES as Record<string, TargetKindRule | undefined>)[target.kind];
}

function unitOf(target: ProgrammeTargetDto): TargetUnit | null {
  const rule = ruleOf(target);
  if (!rule) return null;
  return target.unit ?? rule.units[0];
}

const isSet = (value: unknown) => value !== null && value !== undefined;

/** What is wrong with one of a target's figures, or null: its own bounds, then the rules between them. */
function figureProblem(field: Figure, target: ProgrammeTargetDto): string | null {
  const value: unknown = target[field];
  if (isSet(value)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) return `${field} must be a number`;
    const unit = unitOf(target);
    const max = FIGURE_MAX[unit ?? 'count'];
    if (value < 0 || value > max) {
      return unit === 'percent'
        ? `${field} is a share in percent: 0–100`
        : `${field} must be between 0 and ${max}`;
    }
    if (unit === 'count' && !Number.isInteger(value)) return `${field} must be a whole number`;
    if (unit !== 'count' && Math.round(value * 10) !== value * 10) {
      return `${field} takes at most one decimal`;
    }
  }
  if (field === 'value') {
    if (!isSet(target.value) && !isSet(target.min) && !isSet(target.max)) {
      return 'Set a value, or a range with a min and/or a max.';
    }
    if (isSet(target.value) && (isSet(target.min) || isSet(target.max))) {
      return 'Set either a value or a range, not both.';
    }
  }
  if (
    field === 'max' &&
    typeof target.min === 'number' &&
    typeof target.max === 'number' &&
    target.max < target.min
  ) {
    return 'max must be at least min';
  }
  return null;
}

/** A rule that reads the whole target; runs also when the property is missing or null. */
function TargetRule(
  name: string,
  problem: (value: unknown, target: ProgrammeTargetDto) => string | null,
) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name,
      target: object.constructor,
      propertyName,
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          problem(value, args.object as ProgrammeTargetDto) === null,
        defaultMessage: (args: ValidationArguments) =>
          problem(args.value, args.object as ProgrammeTargetDto) ?? '',
      },
    });
}

/** One target of the catalogue (libs/contracts targets.ts). */
export class ProgrammeTargetDto implements ProgrammeTargetInput {
  @ApiProperty({ enum: TARGET_KINDS })
  @IsIn(TARGET_KINDS)
  kind: TargetKind;

  @ApiPropertyOptional({
    enum: GENDERS,
    nullable: true,
    description: 'Only for participants and exits to work or studies; leave out for everyone',
  })
  @IsOptional()
  @IsIn(GENDERS)
  @TargetRule('targetGenderForKind', (gender, target) =>
    isSet(gender) && ruleOf(target)?.perGender === false
      ? `gender is only for targets of ${TARGET_KINDS.filter((k) => TARGET_KIND_RULES[k].perGender).join(' or ')}`
      : null,
  )
  gender?: Gender | null;

  @ApiPropertyOptional({
    enum: TARGET_UNITS,
    description: "count, percent (a share) or mean; default the kind's first unit",
  })
  @IsOptional()
  @IsIn(TARGET_UNITS)
  @TargetRule('targetUnitForKind', (unit, target) => {
    const rule = ruleOf(target);
    return rule && typeof unit === 'string' && !rule.units.includes(unit as TargetUnit)
      ? `unit of ${target.kind} must be ${rule.units.join(' or ')}`
      : null;
  })
  unit?: TargetUnit;

  @ApiPropertyOptional({
    nullable: true,
    description: 'A single goal: met when the actual figure is at least this',
  })
  @TargetRule('targetValue', (_, target) => figureProblem('value', target))
  value?: number | null;

  @ApiPropertyOptional({ nullable: true, description: 'Lower end of a range (inclusive)' })
  @TargetRule('targetMin', (_, target) => figureProblem('min', target))
  min?: number | null;

  @ApiPropertyOptional({ nullable: true, description: 'Upper end of a range (inclusive)' })
  @TargetRule('targetMax', (_, target) => figureProblem('max', target))
  max?: number | null;

  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(200)
  label?: string | null;

  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(1000)
  note?: string | null;
}

export class FollowUpCadenceDto implements FollowUpCadence {
  @IsInt() @Min(0) @Max(52) initialWeeks: number;
  @IsInt() @Min(1) @Max(90) initialIntervalDays: number;
  @IsInt() @Min(1) @Max(180) laterIntervalDays: number;
}

export class CreateProgrammeDto implements CreateProgrammeRequest {
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @IsDateOnly() periodStart: string;

  @IsDateOnly() periodEnd: string;

  @IsOptional() @IsDateOnly() intakeEnd?: string | null;

  @ApiPropertyOptional({
    type: [ProgrammeTargetDto],
    maxItems: MAX_TARGETS,
    description: 'The target catalogue; a PATCH replaces the whole list',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TARGETS)
  @ValidateNested({ each: true })
  @Type(() => ProgrammeTargetDto)
  targets?: ProgrammeTargetDto[];

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

export class UpdateProgrammeDto
  extends PartialType(CreateProgrammeDto)
  implements UpdateProgrammeRequest {}
