import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CoachingSession, Page } from '@stegvis/contracts';
import { type Access, CaseData, CurrentAccess, RequirePermission } from '../../access/decorators';
import { UuidParamPipe } from '../../common/uuid-param.pipe';
import {
  CreateCoachingSessionDto,
  ListCoachingSessionsQuery,
  UpdateCoachingSessionDto,
} from './coaching-session.dto';
import { CoachingSessionsService } from './coaching-sessions.service';

@ApiTags('coaching sessions')
@Controller('coaching-sessions')
export class CoachingSessionsController {
  constructor(private readonly sessions: CoachingSessionsService) {}

  @CaseData('coachingSessionPage')
  @RequirePermission('coachingSession.list')
  @Get()
  @ApiOperation({
    operationId: 'listCoachingSessions',
    summary: 'Coaching sessions in your programmes, newest first; per participant or per coach',
  })
  list(
    @CurrentAccess() access: Access,
    @Query() query: ListCoachingSessionsQuery,
  ): Promise<Page<CoachingSession>> {
    return this.sessions.list(access, query);
  }

  @CaseData('coachingSession')
  @RequirePermission('coachingSession.create')
  @Post()
  @ApiOperation({
    operationId: 'createCoachingSession',
    summary: 'Log an individual or group session with attendance',
  })
  create(
    @CurrentAccess() access: Access,
    @Body() dto: CreateCoachingSessionDto,
  ): Promise<CoachingSession> {
    return this.sessions.create(access, dto);
  }

  @CaseData('coachingSession')
  @RequirePermission('coachingSession.read')
  @Get(':id')
  @ApiOperation({
    operationId: 'getCoachingSession',
    summary: 'One coaching session with its attendance and notes',
  })
  get(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<CoachingSession> {
    return this.sessions.get(access, id);
  }

  @CaseData('coachingSession')
  @RequirePermission('coachingSession.update')
  @Patch(':id')
  @ApiOperation({
    operationId: 'updateCoachingSession',
    summary: 'Change a session you logged: time, duration, kind, mode, notes or attendance',
    description: 'Only the author may change a session; another coach of the programme gets 403.',
  })
  update(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateCoachingSessionDto,
  ): Promise<CoachingSession> {
    return this.sessions.update(access, id, dto);
  }
}
