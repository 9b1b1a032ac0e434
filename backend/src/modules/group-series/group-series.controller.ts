import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  GroupSeries,
  GroupSeriesDetail,
  Page,
  SeriesEnrolment,
  SeriesMeeting,
} from '@stegvis/contracts';
import { type Access, CaseData, CurrentAccess, RequirePermission } from '../../access/decorators';
import { IfMatch } from '../../common/if-match';
import { UuidParamPipe } from '../../common/uuid-param.pipe';
import {
  CreateGroupSeriesDto,
  CreateSeriesMeetingDto,
  EnrolInSeriesDto,
  TakeSeriesAttendanceDto,
  UpdateGroupSeriesDto,
  UpdateSeriesEnrolmentDto,
} from './group-series.dto';
import { GroupSeriesService } from './group-series.service';
import { SeriesMeetingsService } from './series-meetings.service';
import { ApiErrors } from '../../openapi/openapi.decorators';

/** Group series: a framtidsverkstad, business programme or course, its enrolment and meetings. */
@ApiTags('group series')
@Controller()
export class GroupSeriesController {
  constructor(
    private readonly series: GroupSeriesService,
    private readonly meetings: SeriesMeetingsService,
  ) {}

  @CaseData('groupSeriesPage')
  @RequirePermission('groupSeries.list')
  @Get('programmes/:programmeId/group-series')
  @ApiOperation({
    operationId: 'listGroupSeries',
    summary: "The programme's group series, latest start first",
  })
  list(
    @CurrentAccess() access: Access,
    @Param('programmeId', UuidParamPipe) programmeId: string,
  ): Promise<Page<GroupSeries>> {
    return this.series.list(access, programmeId);
  }

  @CaseData('groupSeriesDetail')
  @RequirePermission('groupSeries.create')
  @Post('programmes/:programmeId/group-series')
  @ApiOperation({
    operationId: 'createGroupSeries',
    summary: 'Start a group series: name, kind, planned meetings and minutes, dates, rule',
  })
  create(
    @CurrentAccess() access: Access,
    @Param('programmeId', UuidParamPipe) programmeId: string,
    @Body() dto: CreateGroupSeriesDto,
  ): Promise<GroupSeriesDetail> {
    return this.series.create(access, programmeId, dto);
  }

  @CaseData('groupSeriesDetail')
  @RequirePermission('groupSeries.read')
  @Get('group-series/:id')
  @ApiOperation({
    operationId: 'getGroupSeries',
    summary: 'One series with every enrolment: meetings held while enrolled, attended, completed',
  })
  get(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<GroupSeriesDetail> {
    return this.series.get(access, id);
  }

  @CaseData('groupSeriesDetail')
  @RequirePermission('groupSeries.update')
  @Patch('group-series/:id')
  @ApiOperation({
    operationId: 'updateGroupSeries',
    summary: 'Change a series; meetings held stay within its dates',
  })
  update(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateGroupSeriesDto,
    @IfMatch({ required: false }) version: number | null,
  ): Promise<GroupSeriesDetail> {
    return this.series.update(access, id, dto, version);
  }

  @CaseData('none')
  @RequirePermission('groupSeries.delete')
  @Delete('group-series/:id')
  @HttpCode(204)
  @ApiErrors(409)
  @ApiOperation({
    operationId: 'deleteGroupSeries',
    summary: 'Delete a series that has no meetings (409 otherwise)',
  })
  async delete(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @IfMatch({ required: false }) version: number | null,
  ): Promise<void> {
    await this.series.delete(access, id, version);
  }

  @CaseData('seriesEnrolment')
  @RequirePermission('seriesEnrolment.create')
  @Post('group-series/:id/enrolments')
  @ApiErrors(409)
  @ApiOperation({
    operationId: 'enrolInGroupSeries',
    summary: 'Enrol a participant of the programme, with a join (and leave) date',
  })
  enrol(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: EnrolInSeriesDto,
  ): Promise<SeriesEnrolment> {
    return this.series.enrol(access, id, dto);
  }

  @CaseData('seriesEnrolment')
  @RequirePermission('seriesEnrolment.update')
  @Patch('group-series/:id/enrolments/:participantId')
  @ApiOperation({
    operationId: 'updateSeriesEnrolment',
    summary: 'Change the join or leave date; attendance taken stays inside them',
  })
  updateEnrolment(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Param('participantId', UuidParamPipe) participantId: string,
    @Body() dto: UpdateSeriesEnrolmentDto,
  ): Promise<SeriesEnrolment> {
    return this.series.updateEnrolment(access, id, participantId, dto);
  }

  @CaseData('none')
  @RequirePermission('seriesEnrolment.delete')
  @Delete('group-series/:id/enrolments/:participantId')
  @HttpCode(204)
  @ApiErrors(409)
  @ApiOperation({
    operationId: 'unenrolFromGroupSeries',
    summary: 'Remove an enrolment made in error (409 once their attendance is recorded)',
  })
  async unenrol(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Param('participantId', UuidParamPipe) participantId: string,
  ): Promise<void> {
    await this.series.unenrol(access, id, participantId);
  }

  @CaseData('seriesMeetingPage')
  @RequirePermission('seriesMeeting.list')
  @Get('group-series/:id/meetings')
  @ApiOperation({
    operationId: 'listSeriesMeetings',
    summary: 'The meetings of a series, first first, with attendance',
  })
  listMeetings(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<Page<SeriesMeeting>> {
    return this.meetings.list(access, id);
  }

  @CaseData('seriesMeeting')
  @RequirePermission('seriesMeeting.create')
  @Post('group-series/:id/meetings')
  @ApiOperation({
    operationId: 'createSeriesMeeting',
    summary:
      'Log a meeting: a group_workshop coaching session with attendance, in one transaction; only participants enrolled on its day',
  })
  createMeeting(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateSeriesMeetingDto,
  ): Promise<SeriesMeeting> {
    return this.meetings.create(access, id, dto);
  }

  @CaseData('seriesMeeting')
  @RequirePermission('seriesMeeting.update')
  @Put('group-series/:id/meetings/:sessionId/attendance')
  @ApiOperation({
    operationId: 'takeSeriesAttendance',
    summary: "Take a meeting's attendance (replaces it); only participants enrolled on its day",
  })
  takeAttendance(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Param('sessionId', UuidParamPipe) sessionId: string,
    @Body() dto: TakeSeriesAttendanceDto,
  ): Promise<SeriesMeeting> {
    return this.meetings.takeAttendance(access, id, sessionId, dto);
  }
}
