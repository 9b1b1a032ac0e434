import { Module } from '@nestjs/common';
import { ParticipantsController } from './participants.controller';
import { ParticipantsRetentionJob } from './participants-retention.job';
import { ParticipantsService } from './participants.service';

@Module({
  controllers: [ParticipantsController],
  providers: [ParticipantsService, ParticipantsRetentionJob],
  exports: [ParticipantsService],
})
export class ParticipantsModule {}
