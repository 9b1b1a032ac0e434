import { Controller, Get, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { ProgrammeReport } from '@stegvis/contracts';
import { reportPeriodKey, todayIso } from '@stegvis/domain';
import type { FastifyReply } from 'fastify';
import type { StegvisRequest } from '../../access/caller';
import {
  type Access,
  CurrentAccess,
  RequirePermission,
  SkipAuditInterceptor,
} from '../../access/decorators';
import { AuditService } from '../../audit/audit.service';
import { UuidParamPipe } from '../../common/uuid-param.pipe';
import { FieldValidationException } from '../../common/validation';
import { ExportRateLimit } from './export-rate-limit';
import { ExportService } from './export.service';
import { ExportQuery, ReportQuery } from './report.dto';
import {
  countSuppressed,
  CSV_TYPE,
  exportCsv,
  exportXlsx,
  reportCsv,
  reportXlsx,
  XLSX_TYPE,
} from './report-files';
import { ReportsService } from './reports.service';
import { ApiErrors } from '../../openapi/openapi.decorators';

@ApiTags('reports')
@Controller('programmes')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly exports: ExportService,
    private readonly limit: ExportRateLimit,
    private readonly audit: AuditService,
  ) {}

  // Audited here rather than by the interceptor: a file download is an 'export' with its parameters.
  @RequirePermission('report.read')
  @SkipAuditInterceptor()
  @Get(':id/report')
  @ApiErrors(429)
  @ApiProduces('application/json', CSV_TYPE, XLSX_TYPE)
  @ApiOperation({
    operationId: 'getProgrammeReport',
    summary: "The funder's report tables for a period (JSON, or a CSV/XLSX download)",
    description:
      'Aggregated and small-cell suppressed; see docs/reports.md for the period rule and every table.',
  })
  async report(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: ReportQuery,
    @Req() request: StegvisRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProgrammeReport | StreamableFile> {
    checkPeriod(query.from, query.to);
    checkReportPeriod(query.from, query.to);
    const format = query.format ?? 'json';
    // 404 before 429: the limit is only checked for a programme the caller may see.
    const programme = format === 'json' ? null : await this.reports.programme(access, id);
    if (!programme) return this.reportJson(access, id, query, request);
    await this.limit.take(access.userId);
    try {
      return await this.reportFile(access, programme.name, id, query, request, reply);
    } catch (error) {
      // The download's own error is the answer; a slot that cannot be given back stays counted.
      await this.limit.giveBack(access.userId).catch(() => undefined);
      throw error;
    }
  }

  private async reportJson(
    access: Access,
    id: string,
    query: ReportQuery,
    request: StegvisRequest,
  ): Promise<ProgrammeReport> {
    const report = await this.reports.report(access, id, query.from, query.to);
    await this.auditReport(access, id, query, request);
    return report;
  }

  private async reportFile(
    access: Access,
    programmeName: string,
    id: string,
    query: ReportQuery,
    request: StegvisRequest,
    reply: FastifyReply,
  ): Promise<StreamableFile> {
    const format = query.format === 'xlsx' ? 'xlsx' : 'csv';
    const report = await this.reports.report(access, id, query.from, query.to);
    const lang = query.lang ?? 'sv';
    await this.auditReport(access, id, query, request);
    const name = `stegvis-rapport-${report.from}-${report.to}.${format}`;
    setDownloadHeaders(reply, name, format === 'csv' ? CSV_TYPE : XLSX_TYPE);
    void reply.header('X-Stegvis-Suppressed-Cells', String(countSuppressed(report)));
    setFreshnessHeaders(reply, report.readFrom ?? 'primary', report.dataAsOf ?? null);
    const indicators = await this.reports.indicatorNames(id);
    const stream =
      format === 'csv'
        ? reportCsv(report, { delimiter: query.delimiter ?? 'comma', lang, indicators })
        : reportXlsx(report, { lang, programmeName, indicators });
    return new StreamableFile(stream);
  }

  private async auditReport(
    access: Access,
    id: string,
    query: ReportQuery,
    request: StegvisRequest,
  ): Promise<void> {
    const format = query.format ?? 'json';
    const lang = query.lang ?? 'sv';
    await this.audit.write({
      userId: access.userId,
      role: access.role,
      action: format === 'json' ? 'read' : 'export',
      entity: 'report',
      entityId: id,
      requestId: String(request.id),
      ip: request.ip,
      detail: {
        permission: 'report.read',
        route: 'GET /api/programmes/:id/report',
        from: query.from,
        to: query.to,
        format,
        ...(format !== 'json' && { lang }),
        ...(format === 'csv' && { delimiter: query.delimiter ?? 'comma' }),
      },
    });
  }

  @RequirePermission('report.export')
  @SkipAuditInterceptor()
  @Get(':id/export')
  @ApiErrors(429)
  @ApiProduces(CSV_TYPE, XLSX_TYPE)
  @ApiOperation({
    operationId: 'exportProgramme',
    summary: 'Anonymised row-level export (CSV or XLSX), one row per participation',
    description:
      'Per-export pseudonyms, no names, identity numbers, free text or exact dates; gender, age band, municipality and start quarter generalised to k-anonymity. Rate-limited per user.',
  })
  async export(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: ExportQuery,
    @Req() request: StegvisRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    if ((query.from === undefined) !== (query.to === undefined)) {
      throw new FieldValidationException({
        [query.from === undefined ? 'from' : 'to']: ['Give both from and to, or neither.'],
      });
    }
    const period = query.from && query.to ? { from: query.from, to: query.to } : null;
    if (period) checkPeriod(period.from, period.to);
    await this.reports.programme(access, id); // 404 before 429
    await this.limit.take(access.userId);
    try {
      return await this.exportFile(access, id, query, period, request, reply);
    } catch (error) {
      // The download's own error is the answer; a slot that cannot be given back stays counted.
      await this.limit.giveBack(access.userId).catch(() => undefined);
      throw error;
    }
  }

  private async exportFile(
    access: Access,
    id: string,
    query: ExportQuery,
    period: { from: string; to: string } | null,
    request: StegvisRequest,
    reply: FastifyReply,
  ): Promise<StreamableFile> {
    const lang = query.lang ?? 'sv';
    const delimiter = query.delimiter ?? 'comma';
    const result = await this.exports.export(access, id, period, (head, rows) =>
      query.format === 'csv'
        ? exportCsv(head.columns, rows, { delimiter, lang })
        : exportXlsx(head.columns, rows, {
            lang,
            programmeName: head.programmeName,
            threshold: head.threshold,
            rows: head.rows,
            suppressedRows: head.suppressedRows,
            generalisation: head.generalisation,
            period,
            dataAsOf: head.dataAsOf,
          }),
    );
    try {
      await this.audit.write({
        userId: access.userId,
        role: access.role,
        action: 'export',
        entity: 'report',
        entityId: id,
        requestId: String(request.id),
        ip: request.ip,
        detail: {
          permission: 'report.export',
          route: 'GET /api/programmes/:id/export',
          format: query.format,
          from: period?.from ?? null,
          to: period?.to ?? null,
          rows: result.rows,
          suppressedRows: result.suppressedRows,
        },
      });
    } catch (error) {
      result.file.destroy(); // closes the spooled file
      throw error;
    }
    setDownloadHeaders(
      reply,
      `stegvis-export.${query.format}`,
      query.format === 'csv' ? CSV_TYPE : XLSX_TYPE,
    );
    const generalisation = Object.entries(result.generalisation)
      .map(([attribute, level]) => `${attribute}=${level}`)
      .join('; ');
    void reply.header('X-Stegvis-Generalisation', generalisation);
    void reply.header('X-Stegvis-Suppressed-Rows', String(result.suppressedRows));
    void reply.header('X-Stegvis-Threshold', String(result.threshold));
    setFreshnessHeaders(reply, result.freshness.source, result.freshness.dataAsOf);
    return new StreamableFile(result.file);
  }
}

function checkPeriod(from: string, to: string): void {
  if (to < from)
    throw new FieldValidationException({ to: ['The period must end on or after its start.'] });
}

/**
 * A report covers a calendar half-year or a calendar year: a fixed grid, so that two reports
 * cannot differ by a day and give away the few people in that difference (docs/reports.md).
 */
function checkReportPeriod(from: string, to: string): void {
  if (reportPeriodKey(from, to) === null) {
    const rule = 'A report covers a calendar half-year (1 January–30 June or 1 July–31 December).';
    throw new FieldValidationException({ from: [rule], to: [rule] });
  }
  if (from > todayIso()) {
    throw new FieldValidationException({
      from: ['The period has not begun: a report covers a period that has started.'],
    });
  }
}

/** Where a file's data was read and how current it is (the files carry the time as a line too). */
function setFreshnessHeaders(
  reply: FastifyReply,
  readFrom: 'primary' | 'replica',
  dataAsOf: string | null,
): void {
  void reply.header('X-Stegvis-Read-From', readFrom);
  if (dataAsOf) void reply.header('X-Stegvis-Data-As-Of', dataAsOf);
}

/** The filename is built from dates and fixed words only, so it needs no escaping. */
function setDownloadHeaders(reply: FastifyReply, filename: string, type: string): void {
  void reply.header('Content-Type', type);
  void reply.header('Content-Disposition', `attachment; filename="${filename}"`);
  void reply.header('X-Content-Type-Options', 'nosniff');
}
