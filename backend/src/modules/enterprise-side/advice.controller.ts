import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AdviceSession, EntrepreneurContact, Page } from '@stegvis/contracts';
import { type Access, CurrentAccess, RequirePermission } from '../../access/decorators';
import { IfMatch } from '../../common/if-match';
import { UuidParamPipe } from '../../common/uuid-param.pipe';
import {
  CreateAdviceSessionDto,
  CreateEntrepreneurContactDto,
  UpdateAdviceSessionDto,
  UpdateEntrepreneurContactDto,
} from './advice.dto';
import { AdviceSessionsService, EntrepreneurContactsService } from './advice.service';

/** People advised: a name or initials, gender, enterprise or idea stage — no case data. */
@ApiTags('enterprise side')
@Controller()
export class EntrepreneurContactsController {
  constructor(private readonly contacts: EntrepreneurContactsService) {}

  @RequirePermission('entrepreneurContact.list')
  @Get('programmes/:programmeId/entrepreneur-contacts')
  @ApiOperation({
    operationId: 'listEntrepreneurContacts',
    summary: "The programme's entrepreneur contacts, by name",
  })
  list(
    @CurrentAccess() access: Access,
    @Param('programmeId', UuidParamPipe) programmeId: string,
  ): Promise<Page<EntrepreneurContact>> {
    return this.contacts.list(access, programmeId);
  }

  @RequirePermission('entrepreneurContact.create')
  @Post('programmes/:programmeId/entrepreneur-contacts')
  @ApiOperation({
    operationId: 'createEntrepreneurContact',
    summary: 'Add someone who runs or plans a social enterprise',
  })
  create(
    @CurrentAccess() access: Access,
    @Param('programmeId', UuidParamPipe) programmeId: string,
    @Body() dto: CreateEntrepreneurContactDto,
  ): Promise<EntrepreneurContact> {
    return this.contacts.create(access, programmeId, dto);
  }

  @RequirePermission('entrepreneurContact.read')
  @Get('entrepreneur-contacts/:id')
  @ApiOperation({ operationId: 'getEntrepreneurContact', summary: 'One entrepreneur contact' })
  get(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<EntrepreneurContact> {
    return this.contacts.get(access, id);
  }

  @RequirePermission('entrepreneurContact.update')
  @Patch('entrepreneur-contacts/:id')
  @ApiOperation({ operationId: 'updateEntrepreneurContact', summary: 'Change a contact' })
  update(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateEntrepreneurContactDto,
    @IfMatch({ required: false }) version: number | null,
  ): Promise<EntrepreneurContact> {
    return this.contacts.update(access, id, dto, version);
  }

  @RequirePermission('entrepreneurContact.delete')
  @Delete('entrepreneur-contacts/:id')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteEntrepreneurContact',
    summary: 'Remove a contact (and their part in sessions; the sessions stay counted by kind)',
  })
  async delete(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @IfMatch({ required: false }) version: number | null,
  ): Promise<void> {
    await this.contacts.delete(access, id, version);
  }
}

/** Business advice and life coaching to entrepreneurs, individual or group. */
@ApiTags('enterprise side')
@Controller()
export class AdviceSessionsController {
  constructor(private readonly sessions: AdviceSessionsService) {}

  @RequirePermission('adviceSession.list')
  @Get('programmes/:programmeId/advice-sessions')
  @ApiOperation({
    operationId: 'listAdviceSessions',
    summary: "The programme's advice sessions, latest first",
  })
  list(
    @CurrentAccess() access: Access,
    @Param('programmeId', UuidParamPipe) programmeId: string,
  ): Promise<Page<AdviceSession>> {
    return this.sessions.list(access, programmeId);
  }

  @RequirePermission('adviceSession.create')
  @Post('programmes/:programmeId/advice-sessions')
  @ApiOperation({
    operationId: 'createAdviceSession',
    summary: 'Record an advice session with the contacts advised',
  })
  create(
    @CurrentAccess() access: Access,
    @Param('programmeId', UuidParamPipe) programmeId: string,
    @Body() dto: CreateAdviceSessionDto,
  ): Promise<AdviceSession> {
    return this.sessions.create(access, programmeId, dto);
  }

  @RequirePermission('adviceSession.read')
  @Get('advice-sessions/:id')
  @ApiOperation({ operationId: 'getAdviceSession', summary: 'One advice session' })
  get(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<AdviceSession> {
    return this.sessions.get(access, id);
  }

  @RequirePermission('adviceSession.update')
  @Patch('advice-sessions/:id')
  @ApiOperation({
    operationId: 'updateAdviceSession',
    summary: 'Change an advice session (contactIds replaces the list)',
  })
  update(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateAdviceSessionDto,
    @IfMatch({ required: false }) version: number | null,
  ): Promise<AdviceSession> {
    return this.sessions.update(access, id, dto, version);
  }

  @RequirePermission('adviceSession.delete')
  @Delete('advice-sessions/:id')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteAdviceSession',
    summary: 'Delete an advice session recorded in error',
  })
  async delete(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @IfMatch({ required: false }) version: number | null,
  ): Promise<void> {
    await this.sessions.delete(access, id, version);
  }
}
