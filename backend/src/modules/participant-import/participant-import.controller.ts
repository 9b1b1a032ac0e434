import {
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  IMPORT_CONTENT_TYPES,
  IMPORT_MAX_ROWS,
  type ImportFormat,
  type ImportPreview,
  type ImportResult,
} from '@stegvis/contracts';
import type { FastifyReply } from 'fastify';
import {
  type Access,
  CaseData,
  CurrentAccess,
  RequirePermission,
  SkipAuditInterceptor,
} from '../../access/decorators';
import type { StegvisRequest } from '../../access/caller';
import { AuditService } from '../../audit/audit.service';
import { HttpExceptionWithBody } from '../../common/http-exception.filter';
import { UuidParamPipe } from '../../common/uuid-param.pipe';
import { importFormatOf } from './import-body';
import { ImportQuery, ImportTemplateQuery } from './participant-import.dto';
import { ParticipantImportService } from './participant-import.service';
import { templateFile } from './spreadsheet';

const CONSUMES = Object.values(IMPORT_CONTENT_TYPES);

/** The raw spreadsheet of an import route and its format; anything else is a 415. */
function fileOf(request: StegvisRequest): { body: Buffer; format: ImportFormat } {
  const format = importFormatOf(request.headers['content-type']);
  if (!format || !Buffer.isBuffer(request.body)) {
    throw new HttpExceptionWithBody(
      415,
      'Skicka filen som XLSX (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) eller CSV (text/csv).',
      {},
    );
  }
  if (request.body.length === 0) throw new HttpExceptionWithBody(400, 'Filen är tom.', {});
  return { body: request.body, format };
}

@ApiTags('participant-imports')
@Controller()
export class ParticipantImportController {
  constructor(
    private readonly imports: ParticipantImportService,
    private readonly audit: AuditService,
  ) {}

  // Audited here: the interceptor would name the programme's id as a participant's.
  @CaseData('none')
  @RequirePermission('participant.import')
  @SkipAuditInterceptor()
  @Get('participant-imports/template')
  @ApiProduces(IMPORT_CONTENT_TYPES.xlsx, IMPORT_CONTENT_TYPES.csv)
  @ApiOperation({
    operationId: 'getImportTemplate',
    summary: 'The import template: the documented columns with Swedish headers and one example row',
  })
  async template(
    @CurrentAccess() access: Access,
    @Query() query: ImportTemplateQuery,
    @Req() request: StegvisRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const format = query.format ?? 'xlsx';
    const file = await templateFile(format);
    await this.audit.write({
      userId: access.userId,
      role: access.role,
      action: 'read',
      entity: 'participant',
      entityId: null,
      requestId: String(request.id),
      ip: request.ip,
      detail: {
        permission: 'participant.import',
        route: 'GET /api/participant-imports/template',
        format,
      },
    });
    void reply.header(
      'Content-Type',
      format === 'csv' ? `${IMPORT_CONTENT_TYPES.csv}; charset=utf-8` : IMPORT_CONTENT_TYPES.xlsx,
    );
    void reply.header(
      'Content-Disposition',
      `attachment; filename="stegvis-deltagarmall.${format}"`,
    );
    void reply.header('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(file);
  }

  @CaseData('importPreview')
  @RequirePermission('participant.import')
  @SkipAuditInterceptor()
  @Post('programmes/:id/participant-imports/preview')
  @HttpCode(200)
  @ApiConsumes(...CONSUMES)
  @ApiOperation({
    operationId: 'previewParticipantImport',
    summary: `Check a spreadsheet of participants without saving: every row with its errors (in Swedish) and duplicates; at most ${IMPORT_MAX_ROWS} rows`,
  })
  preview(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Req() request: StegvisRequest,
  ): Promise<ImportPreview> {
    const { body, format } = fileOf(request);
    return this.imports.preview(access, request, id, body, format);
  }

  @CaseData('importResult')
  @RequirePermission('participant.import')
  @SkipAuditInterceptor()
  @Post('programmes/:id/participant-imports')
  @ApiConsumes(...CONSUMES)
  @ApiOperation({
    operationId: 'importParticipants',
    summary:
      'Save a spreadsheet of participants in one transaction: mode=all saves nothing if any row is invalid (400 with the preview), mode=valid saves the valid rows only',
  })
  import(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: ImportQuery,
    @Req() request: StegvisRequest,
  ): Promise<ImportResult> {
    const { body, format } = fileOf(request);
    return this.imports.import(access, request, id, body, format, query.mode ?? 'all');
  }
}
