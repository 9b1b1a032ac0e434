import { Module } from '@nestjs/common';
import { RateLimiter } from '../../common/rate-limiter';
import { ReportDatabase } from '../../database/report-database';
import { ExportRateLimit } from './export-rate-limit';
import { ExportService } from './export.service';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  controllers: [ReportsController],
  providers: [ReportDatabase, ReportsService, ExportService, ExportRateLimit, RateLimiter],
})
export class ReportsModule {}
