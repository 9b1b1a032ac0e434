import { Body, Controller, Get, Headers, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DueFollowUp, FollowUp, Page, Placement } from '@stegvis/contracts';
import { type Access, CurrentAccess, RequirePermission } from '../../access/decorators';
import { UuidParamPipe } from '../../common/uuid-param.pipe';
import { FieldValidationException } from '../../common/validation';
import {
  CreateFollowUpDto,
  CreatePlacementDto,
  DueFollowUpsQuery,
  ListPlacementsQuery,
  UpdatePlacementDto,
} from './placement.dto';
import { PlacementsService } from './placements.service';

@ApiTags('placements')
@Controller('placements')
export class PlacementsController {
  constructor(private readonly placements: PlacementsService) {}

  @RequirePermission('placement.create')
  @Post()
  @ApiOperation({
    summary: "Place a participant at an enterprise ('planned' if it starts in the future)",
  })
  create(@CurrentAccess() access: Access, @Body() dto: CreatePlacementDto): Promise<Placement> {
    return this.placements.create(access, dto);
  }

  @RequirePermission('placement.list')
  @Get()
  @ApiOperation({ summary: 'Placements visible to the caller, latest start first' })
  list(
    @CurrentAccess() access: Access,
    @Query() query: ListPlacementsQuery,
  ): Promise<Page<Placement>> {
    return this.placements.list(access, query);
  }

  @RequirePermission('placement.read')
  @Get(':id')
  @ApiOperation({ summary: 'One placement with its follow-up status by the programme’s cadence' })
  get(@CurrentAccess() access: Access, @Param('id', UuidParamPipe) id: string): Promise<Placement> {
    return this.placements.get(access, id);
  }

  @RequirePermission('placement.update')
  @Patch(':id')
  @ApiOperation({
    summary: 'Change planned end, hours, supervisors; start, pause, resume, end or abort',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The version read; stale → 409' })
  update(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdatePlacementDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<Placement> {
    return this.placements.update(access, id, dto, parseIfMatch(ifMatch));
  }

  @RequirePermission('followUp.create')
  @Post(':id/follow-ups')
  @ApiOperation({ summary: 'Log a follow-up of the placement (supervisor or coach)' })
  createFollowUp(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateFollowUpDto,
  ): Promise<FollowUp> {
    return this.placements.createFollowUp(access, id, dto);
  }

  @RequirePermission('followUp.list')
  @Get(':id/follow-ups')
  @ApiOperation({ summary: 'The follow-ups of a placement, newest first' })
  listFollowUps(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<Page<FollowUp>> {
    return this.placements.listFollowUps(access, id);
  }
}

@ApiTags('placements')
@Controller('follow-ups')
export class FollowUpsController {
  constructor(private readonly placements: PlacementsService) {}

  @RequirePermission('followUp.list')
  @Get('due')
  @ApiOperation({
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

/** `If-Match: 3` or `"3"` (an ETag-style value); absent = no check. */
export function parseIfMatch(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(value.trim());
  if (!match) {
    throw new FieldValidationException({ 'If-Match': ['If-Match must be a version number.'] });
  }
  return Number(match[1]);
}
