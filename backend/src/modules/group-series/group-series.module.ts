import { Module } from '@nestjs/common';
import { CoachingSessionsModule } from '../coaching-sessions/coaching-sessions.module';
import { GroupSeriesController } from './group-series.controller';
import { GroupSeriesService } from './group-series.service';
import { SeriesMeetingsService } from './series-meetings.service';

/** Group series (issue 14, part 1): series, enrolment, meetings as group coaching sessions. */
@Module({
  imports: [CoachingSessionsModule],
  controllers: [GroupSeriesController],
  providers: [GroupSeriesService, SeriesMeetingsService],
  exports: [GroupSeriesService, SeriesMeetingsService],
})
export class GroupSeriesModule {}
