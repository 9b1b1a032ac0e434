import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  DueFollowUp,
  FollowUp,
  FollowUpScheduleItem,
  Page,
  Placement,
  SupervisedPlacementDetail,
} from '@stegvis/contracts';
import { type Access, CaseData, CurrentAccess, RequirePermission } from '../../access/decorators';
import { UuidParamPipe } from '../../common/uuid-param.pipe';
import { IfMatch } from '../../common/if-match';
import {
  CreateFollowUpDto,
  CreatePlacementDto,
  DueFollowUpsQuery,
  ListPlacementsQuery,
  UpdatePlacementDto,
} from './placement.dto';
import { PlacementsService } from './placements.service';
import { ApiErrors } from '../../openapi/openapi.decorators';

@ApiTags('placements')
@Controller('placements')
export class PlacementsController {
  constructor(private readonly placements: PlacementsService) {}

  @CaseData('placement')
  @RequirePermission('placement.create')
  @Post()
  @ApiErrors(409)
  @ApiOperation({
    operationId: 'createPlacement',
    summary: "Place a participant at an enterprise ('planned' if it starts in the future)",
  })
  create(
    @CurrentAccess() access: Access,
    @Body() dto: CreatePlacementDto,
  ): Promise<Placement | SupervisedPlacementDetail> {
    return this.placements.create(access, dto);
  }

  @CaseData('placementPage')
  @RequirePermission('placement.list')
  @Get()
  @ApiOperation({
    operationId: 'listPlacements',
    summary: 'Placements visible to the caller, latest start first',
  })
  list(
    @CurrentAccess() access: Access,
    @Query() query: ListPlacementsQuery,
  ): Promise<Page<Placement | SupervisedPlacementDetail>> {
    return this.placements.list(access, query);
  }

  @CaseData('placement')
  @RequirePermission('placement.read')
  @Get(':id')
  @ApiOperation({
    operationId: 'getPlacement',
    summary: 'One placement with its follow-up status by the programme’s cadence',
  })
  get(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<Placement | SupervisedPlacementDetail> {
    return this.placements.get(access, id);
  }

  @CaseData('placement')
  @RequirePermission('placement.update')
  @Patch(':id')
  @ApiErrors(409)
  @ApiOperation({
    operationId: 'updatePlacement',
    summary: 'Change planned end, hours, supervisors; start, pause, resume, end or abort',
  })
  update(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdatePlacementDto,
    @IfMatch({ required: false }) version: number | null,
  ): Promise<Placement | SupervisedPlacementDetail> {
    return this.placements.update(access, id, dto, version);
  }

  @CaseData('followUp')
  @RequirePermission('followUp.create')
  @Post(':id/follow-ups')
  @ApiErrors(409)
  @ApiOperation({
    operationId: 'createFollowUp',
    summary: 'Log a follow-up of the placement (supervisor or coach)',
  })
  createFollowUp(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateFollowUpDto,
  ): Promise<FollowUp> {
    return this.placements.createFollowUp(access, id, dto);
  }

  @CaseData('followUpPage')
  @RequirePermission('followUp.list')
  @Get(':id/follow-ups')
  @ApiOperation({
    operationId: 'listFollowUps',
    summary: 'The follow-ups of a placement, newest first',
  })
  listFollowUps(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<Page<FollowUp>> {
    return this.placements.listFollowUps(access, id);
  }

  @CaseData('followUpSchedule')
  @RequirePermission('followUp.list')
  @Get(':id/follow-up-schedule')
  @ApiOperation({
    operationId: 'getFollowUpSchedule',
    summary:
      'The placement’s due dates by the programme’s cadence: done, late, missed and upcoming (31 days ahead)',
  })
  schedule(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<{ items: FollowUpScheduleItem[] }> {
    return this.placements.schedule(access, id);
  }
}

@ApiTags('placements')
@Controller('follow-ups')
export class FollowUpsController {
  constructor(private readonly placements: PlacementsService) {}

  @CaseData('dueFollowUps')
  @RequirePermission('followUp.list')
  @Get('due')
  @ApiOperation({
    operationId: 'listDueFollowUps',
    summary:
      'The caller’s follow-ups overdue or due within 7 days, oldest first (coach: ?mine=true for own participants)',
  })
  due(
    @CurrentAccess() access: Access,
    @Query() query: DueFollowUpsQuery,
  ): Promise<{ items: DueFollowUp[] }> {
    return this.placements.due(access, query);
  }
}
