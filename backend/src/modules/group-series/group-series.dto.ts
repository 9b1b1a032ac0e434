import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  type CreateGroupSeriesRequest,
  type CreateSeriesMeetingRequest,
  type EnrolInSeriesRequest,
  GROUP_SERIES_KINDS,
  type GroupSeriesKind,
  SESSION_MODES,
  type SessionMode,
  type TakeSeriesAttendanceRequest,
  type UpdateGroupSeriesRequest,
  type UpdateSeriesEnrolmentRequest,
} from '@stegvis/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
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
  ValidateNested,
} from 'class-validator';
import { IsDateOnly } from '../../common/validators';
import { IsDateTime, SessionAttendanceDto } from '../coaching-sessions/coaching-session.dto';
import { MAX_SESSION_PARTICIPANTS } from '../coaching-sessions/coaching-session.rules';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimToNull = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() || null : value;

export class CreateGroupSeriesDto implements CreateGroupSeriesRequest {
  @ApiProperty({ example: 'Framtidsverkstad våren 2026' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: GROUP_SERIES_KINDS })
  @IsIn(GROUP_SERIES_KINDS)
  kind: GroupSeriesKind;

  @ApiProperty({ example: 8 })
  @IsInt()
  @Min(1)
  @Max(500)
  plannedMeetings: number;

  @ApiProperty({
    example: 180,
    description: 'Planned length of one meeting in minutes (3 h = 180)',
  })
  @IsInt()
  @Min(1)
  @Max(1440)
  plannedMinutesPerMeeting: number;

  @IsDateOnly() startDate: string;

  @ApiProperty({ description: 'On or after startDate' })
  @IsDateOnly()
  endDate: string;

  @ApiPropertyOptional({
    description: 'Completed = attended at least this % of the meetings held while enrolled',
    default: 75,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  completionPercent?: number;

  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(10000)
  notes?: string | null;
}

/** Any of the fields; meetings already held must stay within the dates. */
export class UpdateGroupSeriesDto
  extends PartialType(CreateGroupSeriesDto)
  implements UpdateGroupSeriesRequest {}

export class EnrolInSeriesDto implements EnrolInSeriesRequest {
  @ApiProperty({ description: 'A participant of the series’ programme' })
  @IsUUID('all')
  participantId: string;

  @IsDateOnly() joinedOn: string;

  @ApiPropertyOptional({ description: 'null = still enrolled; on or after joinedOn' })
  @IsOptional()
  @IsDateOnly()
  leftOn?: string | null;
}

export class UpdateSeriesEnrolmentDto implements UpdateSeriesEnrolmentRequest {
  @IsOptional() @IsDateOnly() joinedOn?: string;

  @ApiPropertyOptional({ description: 'null = still enrolled; on or after joinedOn' })
  @IsOptional()
  @IsDateOnly()
  leftOn?: string | null;
}

export class TakeSeriesAttendanceDto implements TakeSeriesAttendanceRequest {
  @ApiProperty({
    type: [SessionAttendanceDto],
    description: "Only participants enrolled on the meeting's day (Swedish time)",
  })
  @IsArray()
  @ArrayMaxSize(MAX_SESSION_PARTICIPANTS)
  @ValidateNested({ each: true })
  @Type(() => SessionAttendanceDto)
  attendance: SessionAttendanceDto[];
}

export class CreateSeriesMeetingDto
  extends TakeSeriesAttendanceDto
  implements CreateSeriesMeetingRequest
{
  @ApiProperty({ example: '2026-03-10T09:00:00+01:00' })
  @IsDateTime()
  at: string;

  @IsInt()
  @Min(1)
  @Max(1440)
  durationMinutes: number;

  @ApiProperty({ enum: SESSION_MODES })
  @IsIn(SESSION_MODES)
  mode: SessionMode;

  @ApiPropertyOptional({ description: 'Seen by coaches only' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(10000)
  notes?: string | null;
}
