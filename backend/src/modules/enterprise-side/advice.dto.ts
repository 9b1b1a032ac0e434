import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ADVICE_FORMATS,
  ADVICE_KINDS,
  type AdviceFormat,
  type AdviceKind,
  type CreateAdviceSessionRequest,
  type CreateEntrepreneurContactRequest,
  type Gender,
  GENDERS,
  type UpdateAdviceSessionRequest,
  type UpdateEntrepreneurContactRequest,
} from '@stegvis/contracts';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
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
import { IsDateOnly } from '../../common/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** More people than one group session advises. */
const MAX_CONTACTS = 200;

export class CreateEntrepreneurContactDto implements CreateEntrepreneurContactRequest {
  @ApiPropertyOptional({ description: 'A name or initials: nothing more is kept about them' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @IsIn(GENDERS) gender: Gender;

  @ApiPropertyOptional({
    description: 'The registered enterprise; null = planning one (idea stage)',
  })
  @IsOptional()
  @IsUUID()
  enterpriseId?: string | null;
}

export class UpdateEntrepreneurContactDto implements UpdateEntrepreneurContactRequest {
  @IsOptional() @Transform(trim) @IsString() @MinLength(1) @MaxLength(100) name?: string;

  @IsOptional() @IsIn(GENDERS) gender?: Gender;

  @IsOptional() @IsUUID() enterpriseId?: string | null;
}

export class CreateAdviceSessionDto implements CreateAdviceSessionRequest {
  @IsDateOnly() date: string;

  @IsIn(ADVICE_KINDS) kind: AdviceKind;

  @IsIn(ADVICE_FORMATS) format: AdviceFormat;

  @IsInt() @Min(1) @Max(1440) durationMinutes: number;

  @ApiPropertyOptional({
    description: 'The contacts advised (of the same programme): one when individual',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CONTACTS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  contactIds: string[];
}

export class UpdateAdviceSessionDto implements UpdateAdviceSessionRequest {
  @IsOptional() @IsDateOnly() date?: string;

  @IsOptional() @IsIn(ADVICE_KINDS) kind?: AdviceKind;

  @IsOptional() @IsIn(ADVICE_FORMATS) format?: AdviceFormat;

  @IsOptional() @IsInt() @Min(1) @Max(1440) durationMinutes?: number;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CONTACTS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  contactIds?: string[];
}
