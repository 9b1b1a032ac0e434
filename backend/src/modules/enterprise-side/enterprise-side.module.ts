import { Module } from '@nestjs/common';
import { AdviceSessionsController, EntrepreneurContactsController } from './advice.controller';
import { AdviceSessionsService, EntrepreneurContactsService } from './advice.service';
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
  controllers: [
    EnterpriseEventsController,
    AgreementsController,
    StartedEnterprisesController,
    EntrepreneurContactsController,
    AdviceSessionsController,
  ],
  providers: [
    EnterpriseEventsService,
    AgreementsService,
    StartedEnterprisesService,
    EntrepreneurContactsService,
    AdviceSessionsService,
  ],
  exports: [EnterpriseEventsService, AgreementsService, StartedEnterprisesService],
})
export class EnterpriseSideModule {}
