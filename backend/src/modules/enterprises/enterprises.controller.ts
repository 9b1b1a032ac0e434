import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  Enterprise,
  EnterpriseCapacity,
  EnterpriseSupervisor,
  Page,
} from '@stegvis/contracts';
import { type Access, CurrentAccess, RequirePermission } from '../../access/decorators';
import { todayIso } from '@stegvis/domain';
import { UuidParamPipe } from '../../common/uuid-param.pipe';
import { CapacityQueryDto, CreateEnterpriseDto, UpdateEnterpriseDto } from './enterprise.dto';
import { EnterprisesService } from './enterprises.service';

@ApiTags('enterprises')
@Controller('enterprises')
export class EnterprisesController {
  constructor(private readonly enterprises: EnterprisesService) {}

  @RequirePermission('enterprise.list')
  @Get()
  @ApiOperation({
    operationId: 'listEnterprises',
    summary: 'Social enterprises (a supervisor sees their own)',
  })
  list(@CurrentAccess() access: Access): Promise<Page<Enterprise>> {
    return this.enterprises.list(access);
  }

  @RequirePermission('enterprise.capacity')
  @Get('capacity')
  @ApiOperation({
    operationId: 'listEnterpriseCapacity',
    summary:
      'Work-training places offered against places in use per enterprise on a day (default today)',
  })
  capacity(
    @CurrentAccess() access: Access,
    @Query() query: CapacityQueryDto,
  ): Promise<Page<EnterpriseCapacity>> {
    return this.enterprises.capacity(access, query.date ?? todayIso());
  }

  @RequirePermission('enterprise.create')
  @Post()
  @ApiOperation({
    operationId: 'createEnterprise',
    summary: 'Register a social enterprise (admin)',
  })
  create(@Body() dto: CreateEnterpriseDto): Promise<Enterprise> {
    return this.enterprises.create(dto);
  }

  @RequirePermission('enterprise.read')
  @Get(':id')
  @ApiOperation({ operationId: 'getEnterprise', summary: 'One enterprise' })
  get(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<Enterprise> {
    return this.enterprises.get(access, id);
  }

  @RequirePermission('supervisor.list')
  @Get(':id/supervisors')
  @ApiOperation({
    operationId: 'listEnterpriseSupervisors',
    summary: 'The active supervisors of an enterprise (id and name), to choose for a placement',
  })
  supervisors(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<Page<EnterpriseSupervisor>> {
    return this.enterprises.supervisors(access, id);
  }

  @RequirePermission('enterprise.update')
  @Patch(':id')
  @ApiOperation({ operationId: 'updateEnterprise', summary: 'Change an enterprise (admin)' })
  update(
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateEnterpriseDto,
  ): Promise<Enterprise> {
    return this.enterprises.update(id, dto);
  }
}
