import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  Page,
  Participant,
  ParticipantExport,
  SupervisedParticipant,
} from '@stegvis/contracts';
import { type Access, CurrentAccess, RequirePermission } from '../../access/decorators';
import { UuidParamPipe } from '../../common/uuid-param.pipe';
import { FieldValidationException } from '../../common/validation';
import {
  CreateParticipantDto,
  EraseParticipantDto,
  ListParticipantsQuery,
  UpdateParticipantDto,
} from './participant.dto';
import { ParticipantsService } from './participants.service';

@ApiTags('participants')
@Controller('participants')
export class ParticipantsController {
  constructor(private readonly participants: ParticipantsService) {}

  @RequirePermission('participant.list')
  @Get()
  @ApiOperation({
    summary:
      'Participants in the caller’s scope, by last name; a supervisor gets the placement view',
  })
  list(
    @CurrentAccess() access: Access,
    @Query() query: ListParticipantsQuery,
  ): Promise<Page<Participant | SupervisedParticipant>> {
    return this.participants.list(access, query);
  }

  @RequirePermission('participant.create')
  @Post()
  @ApiOperation({
    summary:
      'Register a participant; without consent or with protected identity only gender and start year are kept',
  })
  create(@CurrentAccess() access: Access, @Body() dto: CreateParticipantDto): Promise<Participant> {
    return this.participants.create(access, dto);
  }

  @RequirePermission('participant.read')
  @Get(':id')
  @ApiOperation({ summary: 'One participant; a supervisor gets the placement view' })
  get(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<Participant | SupervisedParticipant> {
    return this.participants.get(access, id);
  }

  @RequirePermission('participant.update')
  @Patch(':id')
  @ApiOperation({
    summary:
      'Change a participant (If-Match: version; stale → 409 with `current`); consent withdrawal reduces the record',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The version last read' })
  update(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateParticipantDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<Participant> {
    return this.participants.update(access, id, dto, parseIfMatch(ifMatch));
  }

  @RequirePermission('participant.erase')
  @Post(':id/erasure')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Erase identifying data and free text (gallring); statistics stay, the record answers 404',
  })
  async erase(
    @Param('id', UuidParamPipe) id: string,
    @CurrentAccess() access: Access,
    @Body() dto: EraseParticipantDto,
  ): Promise<void> {
    await this.participants.erase(access, id, dto.reason);
  }

  @RequirePermission('participant.export')
  @Get(':id/export')
  @ApiOperation({ summary: 'Data-subject export: everything held about the participant (coaches)' })
  export(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<ParticipantExport> {
    return this.participants.export(access, id);
  }
}

/** `3`, `"3"` or `W/"3"` → 3; absent → null; anything else is a client mistake. */
export function parseIfMatch(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value);
  if (!match) throw new FieldValidationException({ 'If-Match': ['must be a version number'] });
  return Number(match[1]);
}
