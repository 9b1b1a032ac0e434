import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ATTENDANCES,
  SESSION_KINDS,
  SESSION_MODES,
  type Attendance,
  type CreateCoachingSessionRequest,
  type SessionAttendance,
  type SessionKind,
  type SessionMode,
  type UpdateCoachingSessionRequest,
} from '@stegvis/contracts';
import type * as contract from '@stegvis/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { IsDateOnly } from '../../common/validators';
import { MAX_SESSION_PARTICIPANTS } from './coaching-session.rules';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant as ISO 8601 with a time and an offset (`2026-03-10T09:00:00+01:00` or `…Z`). */
export function IsDateTime(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isDateTime',
      target: object.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be a date and time with an offset, e.g. 2026-03-10T09:00:00+01:00, between the years 2000 and 2099`,
        ...options,
      },
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !DATE_TIME.test(value)) return false;
          const time = Date.parse(value);
          return (
            !Number.isNaN(time) &&
            time >= Date.UTC(2000, 0, 1) &&
            time < Date.UTC(2100, 0, 1) &&
            // Date.parse rolls 2026-02-30 over to March; the calendar part must exist.
            isRealDay(value.slice(0, 10))
          );
        },
      },
    });
}

function isRealDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

export class SessionAttendanceDto implements SessionAttendance {
  @IsUUID('all')
  participantId: string;

  @ApiProperty({ enum: ATTENDANCES })
  @IsIn(ATTENDANCES)
  attendance: Attendance;
}

export class CreateCoachingSessionDto implements CreateCoachingSessionRequest {
  @ApiProperty({ example: '2026-03-10T09:00:00+01:00' })
  @IsDateTime()
  at: string;

  @IsInt()
  @Min(1)
  @Max(1440)
  durationMinutes: number;

  @ApiProperty({ enum: SESSION_KINDS })
  @IsIn(SESSION_KINDS)
  kind: SessionKind;

  @ApiProperty({ enum: SESSION_MODES })
  @IsIn(SESSION_MODES)
  mode: SessionMode;

  @ApiProperty({
    type: [SessionAttendanceDto],
    description:
      'All in one programme and in your scope; several only for group_workshop and business_advice',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SESSION_PARTICIPANTS)
  @ValidateNested({ each: true })
  @Type(() => SessionAttendanceDto)
  participants: SessionAttendanceDto[];

  @ApiPropertyOptional({ description: 'Seen by coaches only' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim() || null : value,
  )
  @IsString()
  @MaxLength(10000)
  notes?: string | null;
}

/** Any of the fields; `participants` replaces the whole attendance list. */
export class UpdateCoachingSessionDto
  extends PartialType(CreateCoachingSessionDto)
  implements UpdateCoachingSessionRequest {}

export class ListCoachingSessionsQuery implements contract.ListCoachingSessionsQuery {
  @ApiPropertyOptional({ description: 'Sessions this participant attended (or was booked for)' })
  @IsOptional()
  @IsUUID('all')
  participantId?: string;

  @ApiPropertyOptional({ description: 'Sessions logged by this coach' })
  @IsOptional()
  @IsUUID('all')
  coachId?: string;

  @ApiPropertyOptional({
    description:
      'true = only group sessions (a group workshop, or any session with more than one person booked); false = only the others',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  group?: boolean;

  @ApiPropertyOptional({ description: 'First day, inclusive (Swedish time)' })
  @IsOptional()
  @IsDateOnly()
  from?: string;

  @ApiPropertyOptional({ description: 'Last day, inclusive (Swedish time)' })
  @IsOptional()
  @IsDateOnly()
  to?: string;

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
}
