import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  AGREEMENT_KINDS,
  AGREEMENT_STATUSES,
  type AgreementKind,
  type AgreementStatus,
  type AttendeesByGender,
  type AttendeesBySector,
  type CreateAgreementRequest,
  type CreateEnterpriseEventRequest,
  type CreateStartedEnterpriseRequest,
  ENTERPRISE_EVENT_KINDS,
  type EnterpriseEventKind,
  type UpdateAgreementRequest,
  type UpdateEnterpriseEventRequest,
  type UpdateStartedEnterpriseRequest,
} from '@stegvis/contracts';
import { Transform, Type } from 'class-transformer';
import {
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
  ValidateNested,
} from 'class-validator';
import { IsDateOnly } from '../../common/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** More than any meeting place gathers; keeps sums far from integer overflow. */
const MAX_COUNT = 100_000;
/** More work-training places than one agreement covers. */
const MAX_PLACES = 10_000;

function Count() {
  return (target: object, property: string) => {
    IsOptional()(target, property);
    IsInt()(target, property);
    Min(0)(target, property);
    Max(MAX_COUNT)(target, property);
  };
}

/** Attendees per sector; a sector left out counts 0. */
export class AttendeesBySectorDto implements Partial<AttendeesBySector> {
  @Count() public_sector?: number;
  @Count() social_entrepreneurs?: number;
  @Count() other?: number;
}

/** Attendees per gender; a gender left out counts 0. */
export class AttendeesByGenderDto implements Partial<AttendeesByGender> {
  @Count() female?: number;
  @Count() male?: number;
  @Count() other?: number;
  @Count() undisclosed?: number;
}

export class CreateEnterpriseEventDto implements CreateEnterpriseEventRequest {
  @IsDateOnly() date: string;

  @Transform(trim) @IsString() @MinLength(1) @MaxLength(200) title: string;

  @IsIn(ENTERPRISE_EVENT_KINDS) kind: EnterpriseEventKind;

  @ApiPropertyOptional({
    description: 'Everyone who came; with attendeesBySector it must equal their sum',
  })
  @Count()
  attendeesTotal?: number | null;

  @ApiPropertyOptional({ description: 'public_sector, social_entrepreneurs, other' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AttendeesBySectorDto)
  attendeesBySector?: AttendeesBySectorDto | null;

  @ApiPropertyOptional({
    description: 'female, male, other, undisclosed; must add up to the total',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AttendeesByGenderDto)
  attendeesByGender?: AttendeesByGenderDto | null;
}

/**
 * Any field of the event; a breakdown given replaces the stored one, null removes it. The counts
 * as they end up are checked together (libs/domain attendeeCounts).
 */
export class UpdateEnterpriseEventDto implements UpdateEnterpriseEventRequest {
  @IsOptional() @IsDateOnly() date?: string;

  @IsOptional() @Transform(trim) @IsString() @MinLength(1) @MaxLength(200) title?: string;

  @IsOptional() @IsIn(ENTERPRISE_EVENT_KINDS) kind?: EnterpriseEventKind;

  @ApiPropertyOptional({ description: 'null = the sum of attendeesBySector' })
  @Count()
  attendeesTotal?: number | null;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AttendeesBySectorDto)
  attendeesBySector?: AttendeesBySectorDto | null;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AttendeesByGenderDto)
  attendeesByGender?: AttendeesByGenderDto | null;
}

export class CreateAgreementDto implements CreateAgreementRequest {
  @IsUUID() enterpriseId: string;

  @IsIn(AGREEMENT_KINDS) kind: AgreementKind;

  @ApiPropertyOptional({ description: 'The public body, e.g. "Eskilstuna kommun"' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  counterparty: string;

  @IsDateOnly() startDate: string;

  @ApiPropertyOptional({ description: 'Not before startDate; required when status is ended' })
  @IsOptional()
  @IsDateOnly()
  endDate?: string | null;

  @IsOptional() @IsInt() @Min(0) @Max(MAX_PLACES) workTrainingPlaces?: number;

  @ApiPropertyOptional({
    description: 'draft (being negotiated), active (concluded, in force; default), ended',
  })
  @IsOptional()
  @IsIn(AGREEMENT_STATUSES)
  status?: AgreementStatus;
}

/** The enterprise of an agreement stays; everything else can change. */
export class UpdateAgreementDto implements UpdateAgreementRequest {
  @IsOptional() @IsIn(AGREEMENT_KINDS) kind?: AgreementKind;

  @IsOptional() @Transform(trim) @IsString() @MinLength(1) @MaxLength(200) counterparty?: string;

  @IsOptional() @IsDateOnly() startDate?: string;

  @IsOptional() @IsDateOnly() endDate?: string | null;

  @IsOptional() @IsInt() @Min(0) @Max(MAX_PLACES) workTrainingPlaces?: number;

  @IsOptional() @IsIn(AGREEMENT_STATUSES) status?: AgreementStatus;
}

export class CreateStartedEnterpriseDto implements CreateStartedEnterpriseRequest {
  @ApiPropertyOptional({ description: 'A registered enterprise; or give name instead' })
  @IsOptional()
  @IsUUID()
  enterpriseId?: string | null;

  @ApiPropertyOptional({ description: 'The name of an enterprise not (yet) registered' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string | null;

  @IsDateOnly() startedOn: string;

  @ApiPropertyOptional({ description: 'An arbetsintegrerande socialt företag (ASF)' })
  @IsBoolean()
  isAsf: boolean;
}

/** Setting one of enterpriseId and name sets the other to null (a record has one of the two). */
export class UpdateStartedEnterpriseDto implements UpdateStartedEnterpriseRequest {
  @IsOptional() @IsUUID() enterpriseId?: string | null;

  @IsOptional() @Transform(trim) @IsString() @MinLength(1) @MaxLength(200) name?: string | null;

  @IsOptional() @IsDateOnly() startedOn?: string;

  @IsOptional() @IsBoolean() isAsf?: boolean;
}
