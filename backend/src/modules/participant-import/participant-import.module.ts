import { Module } from '@nestjs/common';
import { ParticipantsModule } from '../participants/participants.module';
import { ParticipantImportController } from './participant-import.controller';
import { ParticipantImportService } from './participant-import.service';

@Module({
  imports: [ParticipantsModule],
  controllers: [ParticipantImportController],
  providers: [ParticipantImportService],
})
export class ParticipantImportModule {}
