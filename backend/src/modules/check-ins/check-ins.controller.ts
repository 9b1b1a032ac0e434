import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CheckIn, Instrument, Page, Progression } from '@stegvis/contracts';
import { type Access, CaseData, CurrentAccess, RequirePermission } from '../../access/decorators';
import { UuidParamPipe } from '../../common/uuid-param.pipe';
import {
  CreateCheckInDto,
  CreateInstrumentDto,
  ListCheckInsQuery,
  ListInstrumentsQuery,
} from './check-in.dto';
import { CheckInsService } from './check-ins.service';
import { InstrumentsService } from './instruments.service';
import { ApiErrors } from '../../openapi/openapi.decorators';

@ApiTags('check-ins')
@Controller('participants/:id')
export class CheckInsController {
  constructor(private readonly checkIns: CheckInsService) {}

  @CaseData('checkIn')
  @RequirePermission('checkIn.create')
  @Post('check-ins')
  @ApiErrors(409)
  @ApiOperation({
    operationId: 'createCheckIn',
    summary: 'Record a check-in scored on an instrument (step progression)',
  })
  create(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CreateCheckInDto,
  ): Promise<CheckIn> {
    return this.checkIns.create(access, id, dto);
  }

  @CaseData('checkInPage')
  @RequirePermission('checkIn.list')
  @Get('check-ins')
  @ApiOperation({
    operationId: 'listCheckIns',
    summary: 'A participant’s check-ins, newest first (supervisors: their own kind)',
  })
  list(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: ListCheckInsQuery,
  ): Promise<Page<CheckIn>> {
    return this.checkIns.list(access, id, query);
  }

  @CaseData('progression')
  @RequirePermission('progression.read')
  @Get('progression')
  @ApiOperation({
    operationId: 'getProgression',
    summary: 'Step progression: first vs latest per indicator and rater, ladder, disagreements',
  })
  progression(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<Progression> {
    return this.checkIns.progression(access, id);
  }
}

@ApiTags('check-ins')
@Controller('instruments')
export class InstrumentsController {
  constructor(private readonly instruments: InstrumentsService) {}

  @RequirePermission('instrument.read')
  @Get()
  @ApiOperation({
    operationId: 'listInstruments',
    summary: 'Instruments: those shipped with Stegvis plus the programme’s own',
  })
  list(
    @CurrentAccess() access: Access,
    @Query() query: ListInstrumentsQuery,
  ): Promise<Page<Instrument>> {
    return this.instruments.list(access, query.programmeId, query.participantId);
  }

  @RequirePermission('instrument.create')
  @Post()
  @ApiOperation({
    operationId: 'createInstrument',
    summary: 'A programme’s instrument: a new key, or the next version of one',
  })
  create(@CurrentAccess() access: Access, @Body() dto: CreateInstrumentDto): Promise<Instrument> {
    return this.instruments.create(access, dto);
  }
}
