import { ApiPropertyOptional } from '@nestjs/swagger';
import { IMPORT_MODES, type ImportFormat, type ImportMode } from '@stegvis/contracts';
import type * as contract from '@stegvis/contracts';
import { IsIn, IsOptional } from 'class-validator';

export const IMPORT_FORMATS: readonly ImportFormat[] = ['xlsx', 'csv'];

export class ImportTemplateQuery implements contract.ImportTemplateQuery {
  @ApiPropertyOptional({ enum: IMPORT_FORMATS, description: 'Default xlsx' })
  @IsOptional()
  @IsIn(IMPORT_FORMATS)
  format?: ImportFormat;
}

export class ImportQuery implements contract.ImportQuery {
  @ApiPropertyOptional({
    enum: IMPORT_MODES,
    description:
      'all (default): save nothing unless every row is valid; valid: save the valid rows and skip the rest',
  })
  @IsOptional()
  @IsIn(IMPORT_MODES)
  mode?: ImportMode;
}
