import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  CSV_DELIMITERS,
  type CsvDelimiter,
  EXPORT_FORMATS,
  type ExportFormat,
  LOCALES,
  type Locale,
  REPORT_FORMATS,
  type ReportFormat,
} from '@stegvis/contracts';
import type * as contract from '@stegvis/contracts';
import { IsIn, IsOptional } from 'class-validator';
import { IsDateOnly } from '../../common/validators';

export class ReportQuery implements contract.ReportQuery {
  @ApiPropertyOptional({
    description:
      'First day of the period (YYYY-MM-DD): 1 January or 1 July — a report covers a calendar half-year or year',
  })
  @IsDateOnly()
  from: string;

  @ApiPropertyOptional({
    description: 'Last day of the period, inclusive (YYYY-MM-DD): 30 June or 31 December',
  })
  @IsDateOnly()
  to: string;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, description: 'json (default), csv or xlsx' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;

  @ApiPropertyOptional({
    enum: CSV_DELIMITERS,
    description: 'CSV only; semicolon for Swedish Excel',
  })
  @IsOptional()
  @IsIn(CSV_DELIMITERS)
  delimiter?: CsvDelimiter;

  @ApiPropertyOptional({ enum: LOCALES, description: 'Language of file headings; default sv' })
  @IsOptional()
  @IsIn(LOCALES)
  lang?: Locale;
}

export class ExportQuery implements contract.ExportQuery {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat;

  @ApiPropertyOptional({ description: 'Only participations in this period (with `to`)' })
  @IsOptional()
  @IsDateOnly()
  from?: string;

  @ApiPropertyOptional({ description: 'Only participations in this period (with `from`)' })
  @IsOptional()
  @IsDateOnly()
  to?: string;

  @ApiPropertyOptional({ enum: CSV_DELIMITERS })
  @IsOptional()
  @IsIn(CSV_DELIMITERS)
  delimiter?: CsvDelimiter;

  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn(LOCALES)
  lang?: Locale;
}
