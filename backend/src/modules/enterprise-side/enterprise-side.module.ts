import { Module } from '@nestjs/common';
import { AgreementsService } from './agreements.service';
import {
  AgreementsController,
  EnterpriseEventsController,
  StartedEnterprisesController,
} from './enterprise-side.controller';
import { EnterpriseEventsService } from './enterprise-events.service';
import { StartedEnterprisesService } from './started-enterprises.service';

/** The enterprise side of a programme: events, agreements, enterprises started (issue 14). */
@Module({
  controllers: [EnterpriseEventsController, AgreementsController, StartedEnterprisesController],
  providers: [EnterpriseEventsService, AgreementsService, StartedEnterprisesService],
  exports: [EnterpriseEventsService, AgreementsService, StartedEnterprisesService],
})
export class EnterpriseSideModule {}
