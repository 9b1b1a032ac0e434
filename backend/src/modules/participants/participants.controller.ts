import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  Page,
  Participant,
  ParticipantExport,
  SupervisedParticipant,
} from '@stegvis/contracts';
import { type Access, CaseData, CurrentAccess, RequirePermission } from '../../access/decorators';
import { UuidParamPipe } from '../../common/uuid-param.pipe';
import { IfMatch } from '../../common/if-match';
import {
  CreateParticipantDto,
  EraseParticipantDto,
  ListParticipantsQuery,
  ReopenParticipationDto,
  UpdateParticipantDto,
} from './participant.dto';
import { ParticipantsService } from './participants.service';
import { ApiErrors } from '../../openapi/openapi.decorators';

@ApiTags('participants')
@Controller('participants')
export class ParticipantsController {
  constructor(private readonly participants: ParticipantsService) {}

  @CaseData('participantPage')
  @RequirePermission('participant.list')
  @Get()
  @ApiOperation({
    operationId: 'listParticipants',
    summary:
      'Participants in the caller’s scope, by last name; a supervisor gets the placement view',
  })
  list(
    @CurrentAccess() access: Access,
    @Query() query: ListParticipantsQuery,
  ): Promise<Page<Participant | SupervisedParticipant>> {
    return this.participants.list(access, query);
  }

  @CaseData('participant')
  @RequirePermission('participant.create')
  @Post()
  @ApiOperation({
    operationId: 'createParticipant',
    summary:
      'Register a participant; without consent or with protected identity only gender and start month are kept',
  })
  create(@CurrentAccess() access: Access, @Body() dto: CreateParticipantDto): Promise<Participant> {
    return this.participants.create(access, dto);
  }

  @CaseData('participant')
  @RequirePermission('participant.read')
  @Get(':id')
  @ApiOperation({
    operationId: 'getParticipant',
    summary: 'One participant; a supervisor gets the placement view',
  })
  get(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<Participant | SupervisedParticipant> {
    return this.participants.get(access, id);
  }

  @CaseData('personnummer')
  @RequirePermission('participant.readPersonnummer')
  @Get(':id/personnummer')
  @ApiOperation({
    operationId: 'getPersonnummer',
    summary:
      'The full personnummer (null if none); every other answer masks it. Audited as a read of the number',
  })
  personnummer(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<{ personnummer: string | null }> {
    return this.participants.personnummer(access, id);
  }

  @CaseData('participant')
  @RequirePermission('participant.update')
  @Patch(':id')
  @ApiOperation({
    operationId: 'updateParticipant',
    summary:
      'Change a participant (If-Match: version; stale → 409 with `current`); consent withdrawal reduces the record',
  })
  update(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateParticipantDto,
    @IfMatch({ required: false }) version: number | null,
  ): Promise<Participant> {
    return this.participants.update(access, id, dto, version);
  }

  @CaseData('participant')
  @RequirePermission('participant.reopen')
  @Post(':id/reopening')
  @ApiErrors(409)
  @ApiOperation({
    operationId: 'reopenParticipation',
    summary:
      'Re-open an ended participation with a reason (If-Match: version); the exit stays on the timeline',
  })
  reopen(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: ReopenParticipationDto,
    @IfMatch({ required: false }) version: number | null,
  ): Promise<Participant> {
    return this.participants.reopen(access, id, dto, version);
  }

  @CaseData('none')
  @RequirePermission('participant.erase')
  @Post(':id/erasure')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'eraseParticipant',
    summary:
      'Erase (gallring): every record of the person is deleted, gender and start and exit month stay for the statistics; the record answers 404',
  })
  async erase(
    @Param('id', UuidParamPipe) id: string,
    @CurrentAccess() access: Access,
    @Body() dto: EraseParticipantDto,
  ): Promise<void> {
    await this.participants.erase(access, id, dto.reason);
  }

  @CaseData('participantExport')
  @RequirePermission('participant.export')
  @Get(':id/export')
  @ApiErrors(409)
  @ApiOperation({
    operationId: 'exportParticipant',
    summary: 'Data-subject export: everything held about the participant (coaches)',
  })
  export(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<ParticipantExport> {
    return this.participants.export(access, id);
  }
}
