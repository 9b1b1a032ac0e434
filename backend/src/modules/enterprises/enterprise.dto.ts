import { PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsOrgNumber } from '../../common/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateEnterpriseDto {
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
}

export class UpdateEnterpriseDto extends PartialType(CreateEnterpriseDto) {}
