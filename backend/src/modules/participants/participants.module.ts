import { Module } from '@nestjs/common';
import { ParticipantReductionService } from './participant-reduction.service';
import { ParticipantsController } from './participants.controller';
import { ParticipantsRetentionJob } from './participants-retention.job';
import { ParticipantsService } from './participants.service';

@Module({
  controllers: [ParticipantsController],
  providers: [ParticipantsService, ParticipantReductionService, ParticipantsRetentionJob],
  exports: [ParticipantsService],
})
export class ParticipantsModule {}
