import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Health } from '@stegvis/contracts';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../../access/decorators';
import { AppConfig, VERSION } from '../../config/app-config';
import { ApiErrors } from '../../openapi/openapi.decorators';

const DB_TIMEOUT_MS = 2000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @ApiErrors(503)
  @ApiOperation({
    operationId: 'getHealth',
    summary: '200 when the database answers, 503 when it does not',
  })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<Health> {
    const up = await Promise.race([
      this.dataSource.query('SELECT 1').then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), DB_TIMEOUT_MS).unref()),
    ]);
    void reply.status(up ? 200 : 503);
    return {
      status: up ? 'ok' : 'unavailable',
      database: up ? 'up' : 'down',
      embedded: !this.config.DATABASE_URL,
      version: VERSION,
    };
  }
}
