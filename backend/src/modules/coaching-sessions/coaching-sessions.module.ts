import { Module } from '@nestjs/common';
import { CoachingSessionsController } from './coaching-sessions.controller';
import { CoachingSessionsService } from './coaching-sessions.service';

@Module({
  controllers: [CoachingSessionsController],
  providers: [CoachingSessionsService],
  exports: [CoachingSessionsService],
})
export class CoachingSessionsModule {}
