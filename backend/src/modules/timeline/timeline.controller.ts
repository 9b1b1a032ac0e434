import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page, TimelineEvent } from '@stegvis/contracts';
import { type Access, CaseData, CurrentAccess, RequirePermission } from '../../access/decorators';
import { UuidParamPipe } from '../../common/uuid-param.pipe';
import { TimelineQuery } from './timeline.dto';
import { TimelineService } from './timeline.service';

@ApiTags('timeline')
@Controller('participants/:id/timeline')
export class TimelineController {
  constructor(private readonly timeline: TimelineService) {}

  @CaseData('timelinePage')
  @RequirePermission('timeline.read')
  @Get()
  @ApiOperation({
    operationId: 'getTimeline',
    summary: 'Everything that happened to a participant, newest first',
    description:
      'Registration, consent, plan revisions, sessions, placement start and end, follow-ups, check-ins and exit, cursor-paginated and filterable by `kinds`. A supervisor sees only the placement events of their own enterprise.',
  })
  list(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: TimelineQuery,
  ): Promise<Page<TimelineEvent>> {
    return this.timeline.list(access, id, query);
  }
}
