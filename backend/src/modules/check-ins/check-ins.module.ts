import { Module } from '@nestjs/common';
import { CheckInsController, InstrumentsController } from './check-ins.controller';
import { CheckInsService } from './check-ins.service';
import { InstrumentsService } from './instruments.service';

@Module({
  controllers: [CheckInsController, InstrumentsController],
  providers: [CheckInsService, InstrumentsService],
})
export class CheckInsModule {}
