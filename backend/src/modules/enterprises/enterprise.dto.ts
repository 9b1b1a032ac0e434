import { PartialType } from '@nestjs/swagger';
import type {
  CapacityQuery,
  CreateEnterpriseRequest,
  PlaceOfferInput,
  UpdateEnterpriseRequest,
} from '@stegvis/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsDateOnly, IsOrgNumber } from '../../common/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** More places than one enterprise offers. */
const MAX_PLACES = 1000;

export class PlaceOfferDto implements PlaceOfferInput {
  @IsDateOnly() from: string;

  @IsOptional() @IsDateOnly() to?: string | null;

  @IsInt() @Min(0) @Max(MAX_PLACES) places: number;
}

export class CreateEnterpriseDto implements CreateEnterpriseRequest {
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  /** NNNNNN-NNNN, dash optional; stored normalised. */
  @IsOrgNumber()
  orgNumber: string;

  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  municipality: string;

  /** Arbetsintegrerande socialt företag. */
  @IsOptional()
  @IsBoolean()
  isAsf?: boolean;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  sector?: string | null;

  /** The whole list of offers (replaces the stored one on PATCH). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PlaceOfferDto)
  placeOffers?: PlaceOfferDto[];
}

export class UpdateEnterpriseDto
  extends PartialType(CreateEnterpriseDto)
  implements UpdateEnterpriseRequest {}

export class CapacityQueryDto implements CapacityQuery {
  /** The day (default today). */
  @IsOptional() @IsDateOnly() date?: string;
}
