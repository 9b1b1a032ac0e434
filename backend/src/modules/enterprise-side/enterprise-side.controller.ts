import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Agreement, EnterpriseEvent, Page, StartedEnterprise } from '@stegvis/contracts';
import { type Access, CurrentAccess, RequirePermission } from '../../access/decorators';
import { IfMatch } from '../../common/if-match';
import { UuidParamPipe } from '../../common/uuid-param.pipe';
import { AgreementsService } from './agreements.service';
import { EnterpriseEventsService } from './enterprise-events.service';
import {
  CreateAgreementDto,
  CreateEnterpriseEventDto,
  CreateStartedEnterpriseDto,
  UpdateAgreementDto,
  UpdateEnterpriseEventDto,
  UpdateStartedEnterpriseDto,
} from './enterprise-side.dto';
import { StartedEnterprisesService } from './started-enterprises.service';

/** Meeting places, network meetings, workshops for enterprises, study visits: counts only. */
@ApiTags('enterprise side')
@Controller()
export class EnterpriseEventsController {
  constructor(private readonly events: EnterpriseEventsService) {}

  @RequirePermission('enterpriseEvent.list')
  @Get('programmes/:programmeId/enterprise-events')
  @ApiOperation({
    operationId: 'listEnterpriseEvents',
    summary: "The programme's meeting places and network events, latest first",
  })
  list(
    @CurrentAccess() access: Access,
    @Param('programmeId', UuidParamPipe) programmeId: string,
  ): Promise<Page<EnterpriseEvent>> {
    return this.events.list(access, programmeId);
  }

  @RequirePermission('enterpriseEvent.create')
  @Post('programmes/:programmeId/enterprise-events')
  @ApiOperation({
    operationId: 'createEnterpriseEvent',
    summary:
      'Record a meeting place or network event: attendees as a total, by sector or both (adding up), optionally by gender',
  })
  create(
    @CurrentAccess() access: Access,
    @Param('programmeId', UuidParamPipe) programmeId: string,
    @Body() dto: CreateEnterpriseEventDto,
  ): Promise<EnterpriseEvent> {
    return this.events.create(access, programmeId, dto);
  }

  @RequirePermission('enterpriseEvent.read')
  @Get('enterprise-events/:id')
  @ApiOperation({
    operationId: 'getEnterpriseEvent',
    summary: 'One meeting place or network event',
  })
  get(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<EnterpriseEvent> {
    return this.events.get(access, id);
  }

  @RequirePermission('enterpriseEvent.update')
  @Patch('enterprise-events/:id')
  @ApiOperation({
    operationId: 'updateEnterpriseEvent',
    summary: 'Change an event; the counts as they end up must add up',
  })
  update(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateEnterpriseEventDto,
    @IfMatch({ required: false }) version: number | null,
  ): Promise<EnterpriseEvent> {
    return this.events.update(access, id, dto, version);
  }

  @RequirePermission('enterpriseEvent.delete')
  @Delete('enterprise-events/:id')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteEnterpriseEvent',
    summary: 'Delete an event recorded in error',
  })
  async delete(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @IfMatch({ required: false }) version: number | null,
  ): Promise<void> {
    await this.events.delete(access, id, version);
  }
}

/** Agreements between public bodies and social enterprises (IOP, reserved contracts, …). */
@ApiTags('enterprise side')
@Controller()
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @RequirePermission('agreement.list')
  @Get('programmes/:programmeId/agreements')
  @ApiOperation({
    operationId: 'listProgrammeAgreements',
    summary: "The programme's agreements, latest start first",
  })
  listOfProgramme(
    @CurrentAccess() access: Access,
    @Param('programmeId', UuidParamPipe) programmeId: string,
  ): Promise<Page<Agreement>> {
    return this.agreements.listOfProgramme(access, programmeId);
  }

  @RequirePermission('agreement.read')
  @Get('enterprises/:enterpriseId/agreements')
  @ApiOperation({
    operationId: 'listEnterpriseAgreements',
    summary:
      "An enterprise's agreements: in the caller's programmes, or (a supervisor) at their own enterprise",
  })
  listOfEnterprise(
    @CurrentAccess() access: Access,
    @Param('enterpriseId', UuidParamPipe) enterpriseId: string,
  ): Promise<Page<Agreement>> {
    return this.agreements.listOfEnterprise(access, enterpriseId);
  }

  @RequirePermission('agreement.create')
  @Post('programmes/:programmeId/agreements')
  @ApiOperation({
    operationId: 'createAgreement',
    summary: "Record an agreement (status 'active' unless given; 'ended' needs an end date)",
  })
  create(
    @CurrentAccess() access: Access,
    @Param('programmeId', UuidParamPipe) programmeId: string,
    @Body() dto: CreateAgreementDto,
  ): Promise<Agreement> {
    return this.agreements.create(access, programmeId, dto);
  }

  @RequirePermission('agreement.read')
  @Get('agreements/:id')
  @ApiOperation({ operationId: 'getAgreement', summary: 'One agreement' })
  get(@CurrentAccess() access: Access, @Param('id', UuidParamPipe) id: string): Promise<Agreement> {
    return this.agreements.get(access, id);
  }

  @RequirePermission('agreement.update')
  @Patch('agreements/:id')
  @ApiOperation({
    operationId: 'updateAgreement',
    summary: 'Change an agreement (its enterprise stays)',
  })
  update(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateAgreementDto,
    @IfMatch({ required: false }) version: number | null,
  ): Promise<Agreement> {
    return this.agreements.update(access, id, dto, version);
  }

  @RequirePermission('agreement.delete')
  @Delete('agreements/:id')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteAgreement',
    summary: 'Delete an agreement recorded in error',
  })
  async delete(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @IfMatch({ required: false }) version: number | null,
  ): Promise<void> {
    await this.agreements.delete(access, id, version);
  }
}

/** Social enterprises started during the programme. */
@ApiTags('enterprise side')
@Controller()
export class StartedEnterprisesController {
  constructor(private readonly started: StartedEnterprisesService) {}

  @RequirePermission('startedEnterprise.list')
  @Get('programmes/:programmeId/enterprises-started')
  @ApiOperation({
    operationId: 'listStartedEnterprises',
    summary: 'The enterprises started in the programme, latest first',
  })
  list(
    @CurrentAccess() access: Access,
    @Param('programmeId', UuidParamPipe) programmeId: string,
  ): Promise<Page<StartedEnterprise>> {
    return this.started.list(access, programmeId);
  }

  @RequirePermission('startedEnterprise.create')
  @Post('programmes/:programmeId/enterprises-started')
  @ApiOperation({
    operationId: 'createStartedEnterprise',
    summary: 'Record an enterprise started: a registered enterprise or a name; ASF or not',
  })
  create(
    @CurrentAccess() access: Access,
    @Param('programmeId', UuidParamPipe) programmeId: string,
    @Body() dto: CreateStartedEnterpriseDto,
  ): Promise<StartedEnterprise> {
    return this.started.create(access, programmeId, dto);
  }

  @RequirePermission('startedEnterprise.read')
  @Get('enterprises-started/:id')
  @ApiOperation({ operationId: 'getStartedEnterprise', summary: 'One enterprise started' })
  get(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<StartedEnterprise> {
    return this.started.get(access, id);
  }

  @RequirePermission('startedEnterprise.update')
  @Patch('enterprises-started/:id')
  @ApiOperation({
    operationId: 'updateStartedEnterprise',
    summary: 'Change the record of an enterprise started',
  })
  update(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateStartedEnterpriseDto,
    @IfMatch({ required: false }) version: number | null,
  ): Promise<StartedEnterprise> {
    return this.started.update(access, id, dto, version);
  }

  @RequirePermission('startedEnterprise.delete')
  @Delete('enterprises-started/:id')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteStartedEnterprise',
    summary: 'Delete a record made in error',
  })
  async delete(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @IfMatch({ required: false }) version: number | null,
  ): Promise<void> {
    await this.started.delete(access, id, version);
  }
}
