import {
  Body,
  Controller,
  Get,
  Injectable,
  NotFoundException,
  Param,
  PipeTransform,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  ActionPlan,
  ActionPlanDiff,
  ActionPlanRevision,
  Page,
  SupervisedActionPlan,
} from '@stegvis/contracts';
import type { FastifyReply } from 'fastify';
import type { StegvisRequest } from '../../access/caller';
import { type Access, CaseData, CurrentAccess, RequirePermission } from '../../access/decorators';
import { AuditService } from '../../audit/audit.service';
import { UuidParamPipe } from '../../common/uuid-param.pipe';
import { IfMatch } from '../../common/if-match';
import { DiffQuery, ListRevisionsQuery, SaveActionPlanDto } from './action-plan.dto';
import { ActionPlansService, StalePlanException } from './action-plans.service';
import { ApiETag } from '../../openapi/openapi.decorators';

/** A revision number in a path: anything else names no revision (404). */
@Injectable()
export class VersionParamPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const version = /^[1-9]\d{0,8}$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(version)) throw new NotFoundException('Not found.');
    return version;
  }
}

const etag = (version: number) => `"${version}"`;

@ApiTags('action plans')
@Controller('participants/:id/action-plan')
export class ActionPlansController {
  constructor(
    private readonly plans: ActionPlansService,
    private readonly audit: AuditService,
  ) {}

  @CaseData('actionPlan')
  @RequirePermission('actionPlan.read')
  @Get()
  @ApiETag()
  @ApiOperation({
    operationId: 'getActionPlan',
    summary: "A participant's current action plan and its next step",
    description:
      'Version 0 with an empty goal and no steps when the plan was never saved. Supervisors get only the steps that concern the placement, without the goal.',
  })
  async get(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ActionPlan | SupervisedActionPlan> {
    const plan = await this.plans.get(access, id);
    void reply.header('ETag', etag(plan.version));
    return plan;
  }

  @CaseData('actionPlan')
  @RequirePermission('actionPlan.update')
  @Put()
  @ApiETag()
  @ApiOperation({
    operationId: 'saveActionPlan',
    summary: 'Save the whole action plan as a new revision',
    description:
      'Optimistic locking: a missing If-Match is 428; a version that is no longer current is 409 with the current plan in `current`. Without consent (or with a protected identity) a participant has no plan: 409.',
  })
  async save(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    // Required: a missing If-Match is 428, so this is never null.
    @IfMatch({ required: true }) expected: number,
    @Body() dto: SaveActionPlanDto,
    @Req() request: StegvisRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ActionPlan> {
    try {
      const plan = await this.plans.save(access, id, expected, dto);
      void reply.header('ETag', etag(plan.version));
      return plan;
    } catch (error) {
      // The 409 shows the caller the current plan: that is a read, and the log says so.
      if (error instanceof StalePlanException) {
        await this.audit.write({
          userId: access.userId,
          role: access.role,
          action: 'read',
          entity: 'actionPlan',
          entityId: id,
          requestId: String(request.id),
          ip: request.ip,
          detail: {
            permission: 'actionPlan.update',
            route: `${request.method} ${request.routeOptions.url ?? ''}`,
            outcome: 'stale-version',
          },
        });
      }
      throw error;
    }
  }

  @CaseData('planRevisionPage')
  @RequirePermission('actionPlan.history')
  @Get('revisions')
  @ApiOperation({
    operationId: 'listActionPlanRevisions',
    summary: 'Every saved revision of the plan, newest first (coaches)',
  })
  revisions(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: ListRevisionsQuery,
  ): Promise<Page<ActionPlanRevision>> {
    return this.plans.revisions(access, id, query);
  }

  @CaseData('planRevision')
  @RequirePermission('actionPlan.history')
  @Get('revisions/:version')
  @ApiOperation({
    operationId: 'getActionPlanRevision',
    summary: 'One saved revision of the plan (coaches)',
  })
  revision(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Param('version', VersionParamPipe) version: number,
  ): Promise<ActionPlanRevision> {
    return this.plans.revision(access, id, version);
  }

  @CaseData('planDiff')
  @RequirePermission('actionPlan.history')
  @Get('diff')
  @ApiOperation({
    operationId: 'diffActionPlanRevisions',
    summary: 'What changed between two revisions: steps added, removed and changed, and the goal',
    description: 'Steps are matched by id. Version 0 is the empty plan before the first save.',
  })
  diff(
    @CurrentAccess() access: Access,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: DiffQuery,
  ): Promise<ActionPlanDiff> {
    return this.plans.diff(access, id, query);
  }
}
