import {
  CallHandler,
  ExecutionContext,
  HttpException,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { auditActionOf } from '@stegvis/contracts';
import { catchError, from, Observable, switchMap, throwError } from 'rxjs';
import { QueryFailedError } from 'typeorm';
import type { StegvisRequest } from '../access/caller';
import { SKIP_AUDIT_KEY } from '../access/decorators';
import { PG_CLIENT_ERRORS } from '../common/http-exception.filter';
import { FieldValidationException } from '../common/validation';
import { AuditService, participantIdsOfRoute, type Refusal } from './audit.service';

/**
 * Writes one audit row for every successful permission-guarded request: who, which action on
 * which kind of record, which record. Lists record the ids they returned, so "who viewed this
 * participant" also finds views through a list.
 *
 * A request that passed the guard and was then refused — 400 from validation, 404 for a record
 * outside the caller's scope (or none at all), a 403 from a handler — gets a `rejected` or `denied`
 * row instead (the guard writes the rows of its own 401 and 403 refusals).
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly audit: AuditService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<StegvisRequest>();
    // Routes that write their own row on success (logout, reports) still get refusal rows.
    const refusals = next
      .handle()
      .pipe(
        catchError((error: unknown) =>
          from(this.auditRefusal(request, error)).pipe(switchMap(() => throwError(() => error))),
        ),
      );
    if (this.reflector.get<boolean>(SKIP_AUDIT_KEY, context.getHandler())) return refusals;
    return refusals.pipe(
      switchMap((body: unknown) => {
        const { caller, grant } = request;
        if (!caller || !grant) return from([body]);
        const [prefix] = grant.permission.split('.');
        const entity = prefix === 'me' ? 'user' : prefix;
        const params = (request.params ?? {}) as Record<string, string | undefined>;
        const listed = listedIds(body);
        const entityId = prefix === 'me' ? caller.userId : (params['id'] ?? idOf(body) ?? null);
        const route = `${request.method} ${request.routeOptions.url ?? ''}`;
        const write = this.audit.write({
          userId: caller.userId,
          role: caller.role,
          action: auditActionOf(grant.permission),
          entity,
          entityId,
          requestId: String(request.id),
          ip: request.ip,
          participantIds: [
            ...participantIdsOfRoute(route, params),
            ...participantIdsOfBody(entity, body),
          ],
          detail: {
            permission: grant.permission,
            route,
            ...(listed && { ids: listed }),
          },
        });
        return from(write.then(() => body));
      }),
    );
  }

  private async auditRefusal(request: StegvisRequest, error: unknown): Promise<void> {
    const { caller, grant } = request;
    if (!caller || !grant) return;
    const refusal = refusalOf(error);
    if (!refusal) return;
    await this.audit.writeRefusal(request, caller, { ...refusal, permission: grant.permission });
  }
}

/** The refusals worth an audit row; conflicts (409, 428) and the like are ordinary outcomes. */
const REFUSALS: Record<number, Omit<Refusal, 'permission'>> = {
  400: { status: 400, reason: 'validation' },
  403: { status: 403, reason: 'role' },
  404: { status: 404, reason: 'scope' },
};

function refusalOf(error: unknown): Omit<Refusal, 'permission'> | null {
  if (error instanceof FieldValidationException) {
    return { status: 400, reason: 'validation', fields: Object.keys(error.fields) };
  }
  let status: number | undefined;
  if (error instanceof HttpException) status = error.getStatus();
  else if (error instanceof QueryFailedError) {
    status = PG_CLIENT_ERRORS[(error as QueryFailedError & { code?: string }).code ?? '']?.[0];
  }
  return status === undefined ? null : (REFUSALS[status] ?? null);
}

function idOf(body: unknown): string | undefined {
  const id = (body as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * The participations a response shows: a participant (or a list of them), and every record's
 * `participantId` or attendance (placements, sessions, check-ins, plans, due follow-ups).
 */
function participantIdsOfBody(entity: string, body: unknown): string[] {
  const items = (body as { items?: unknown } | null)?.items;
  const records = Array.isArray(items) ? items : [body];
  const ids: string[] = [];
  for (const record of records) {
    if (record === null || typeof record !== 'object') continue;
    const r = record as {
      id?: unknown;
      participantId?: unknown;
      participants?: unknown;
      attendance?: unknown;
      enrolments?: unknown;
    };
    if (entity === 'participant' && typeof r.id === 'string') ids.push(r.id);
    if (typeof r.participantId === 'string') ids.push(r.participantId);
    // A session's attendance, a series meeting's attendance, a series' enrolments.
    for (const list of [r.participants, r.attendance, r.enrolments]) {
      if (!Array.isArray(list)) continue;
      for (const a of list as { participantId?: unknown }[]) {
        if (typeof a?.participantId === 'string') ids.push(a.participantId);
      }
    }
  }
  return ids;
}

function listedIds(body: unknown): string[] | undefined {
  const items = (body as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) return undefined;
  return items.map(idOf).filter((id): id is string => id !== undefined);
}
