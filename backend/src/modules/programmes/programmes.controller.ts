import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page, Programme, ProgrammeCoach } from '@stegvis/contracts';
import { type Access, CurrentAccess, RequirePermission } from '../../access/decorators';
import { UuidParamPipe } from '../../common/uuid-param.pipe';
import { CreateProgrammeDto, UpdateProgrammeDto } from './programme.dto';
import { ProgrammesService } from './programmes.service';

@ApiTags('programmes')
@Controller('programmes')
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  @RequirePermission('programme.list')
  @Get()
  @ApiOperation({ operationId: 'listProgrammes', summary: 'Programmes visible to the caller' })
  list(@CurrentAccess() access: Access): Promise<Page<Programme>> {
    return this.programmes.list(access);
  }

  @RequirePermission('programme.create')
  @Post()
  @ApiOperation({ operationId: 'createProgramme', summary: 'Create a programme (admin)' })
  create(@Body() dto: CreateProgrammeDto): Promise<Programme> {
    return this.programmes.create(dto);
  }

  @RequirePermission('programme.read')
  @Get(':id')
  @ApiOperation({ operationId: 'getProgramme', summary: 'One programme' })
  get(@CurrentAccess() access: Access, @Param('id', UuidParamPipe) id: string): Promise<Programme> {
    return this.programmes.get(access, id);
  }

  @RequirePermission('programme.listCoaches')
  @Get(':id/coaches')
  @ApiOperation({
    operationId: 'listProgrammeCoaches',
    summary: 'The active coaches of a programme, by name: the choices of a responsible coach',
  })
  coaches(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
  ): Promise<Page<ProgrammeCoach>> {
    return this.programmes.coaches(access, id);
  }

  @RequirePermission('programme.update')
  @Patch(':id')
  @ApiOperation({
    operationId: 'updateProgramme',
    summary: 'Change a programme: period, targets, follow-up cadence, threshold',
  })
  update(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateProgrammeDto,
  ): Promise<Programme> {
    return this.programmes.update(access, id, dto);
  }
}
