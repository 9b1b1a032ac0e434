import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AccessGuard } from './access/access.guard';
import { SESSION_RESOLVER } from './access/session-resolver';
import { AuditLogController } from './audit/audit-log.controller';
import { AuditInterceptor } from './audit/audit.interceptor';
import { AuditModule } from './audit/audit.module';
import { RateLimiter } from './common/rate-limiter';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { loggerOptions } from './logging';
import { ActionPlansModule } from './modules/action-plans/action-plans.module';
import { AuthController } from './modules/auth/auth.controller';
import { AuthService } from './modules/auth/auth.service';
import { LoginThrottleService } from './modules/auth/login-throttle.service';
import { MeService } from './modules/auth/me.service';
import { MfaService } from './modules/auth/mfa.service';
import { SessionService } from './modules/auth/session.service';
import { CheckInsModule } from './modules/check-ins/check-ins.module';
import { CoachingSessionsModule } from './modules/coaching-sessions/coaching-sessions.module';
import { EnterpriseSideModule } from './modules/enterprise-side/enterprise-side.module';
import { GroupSeriesModule } from './modules/group-series/group-series.module';
import { EnterprisesController } from './modules/enterprises/enterprises.controller';
import { EnterprisesService } from './modules/enterprises/enterprises.service';
import { HealthController } from './modules/health/health.controller';
import { ParticipantImportModule } from './modules/participant-import/participant-import.module';
import { ParticipantsModule } from './modules/participants/participants.module';
import { PlacementsModule } from './modules/placements/placements.module';
import { ProgrammesController } from './modules/programmes/programmes.controller';
import { ProgrammesService } from './modules/programmes/programmes.service';
import { ReportsModule } from './modules/reports/reports.module';
import { TimelineModule } from './modules/timeline/timeline.module';
import { UsersController } from './modules/users/users.controller';
import { UsersService } from './modules/users/users.service';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config)),
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl, config.DB_POOL_SIZE)),
        AuditModule,
        ParticipantsModule,
        ParticipantImportModule,
        ActionPlansModule,
        CoachingSessionsModule,
        PlacementsModule,
        CheckInsModule,
        TimelineModule,
        ReportsModule,
        EnterpriseSideModule,
        GroupSeriesModule,
      ],
      controllers: [
        AuthController,
        UsersController,
        ProgrammesController,
        EnterprisesController,
        AuditLogController,
        HealthController,
      ],
      providers: [
        SessionService,
        RateLimiter,
        { provide: SESSION_RESOLVER, useExisting: SessionService },
        LoginThrottleService,
        AuthService,
        MeService,
        MfaService,
        UsersService,
        ProgrammesService,
        EnterprisesService,
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
