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
} from 'class-validator';
import { TIMELINE_KINDS, type TimelineKind } from '@stegvis/contracts';
import type * as contract from '@stegvis/contracts';

export class TimelineQuery implements contract.TimelineQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  /** Comma-separated kinds to include, e.g. `session,follow_up`; all when absent. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean)
      : value,
  )
  @IsArray()
  @ArrayMaxSize(TIMELINE_KINDS.length)
  @IsIn(TIMELINE_KINDS, { each: true })
  kinds?: TimelineKind[];
}
