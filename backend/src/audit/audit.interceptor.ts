import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { auditActionOf } from '@stegvis/contracts';
import { from, Observable, switchMap } from 'rxjs';
import type { StegvisRequest } from '../access/caller';
import { SKIP_AUDIT_KEY } from '../access/decorators';
import { AuditService } from './audit.service';

/**
 * Writes one audit row for every successful permission-guarded request: who, which action on
 * which kind of record, which record. Lists record the ids they returned, so "who viewed this
 * participant" also finds views through a list.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly audit: AuditService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<StegvisRequest>();
    if (this.reflector.get<boolean>(SKIP_AUDIT_KEY, context.getHandler())) return next.handle();
    return next.handle().pipe(
      switchMap((body: unknown) => {
        const { caller, grant } = request;
        if (!caller || !grant) return from([body]);
        const [prefix] = grant.permission.split('.');
        const entity = prefix === 'me' ? 'user' : prefix;
        const params = (request.params ?? {}) as Record<string, string | undefined>;
        const listed = listedIds(body);
        const entityId = prefix === 'me' ? caller.userId : (params['id'] ?? idOf(body) ?? null);
        const write = this.audit.write({
          userId: caller.userId,
          role: caller.role,
          action: auditActionOf(grant.permission),
          entity,
          entityId,
          requestId: String(request.id),
          ip: request.ip,
          detail: {
            permission: grant.permission,
            route: `${request.method} ${request.routeOptions.url ?? ''}`,
            ...(listed && { ids: listed }),
          },
        });
        return from(write.then(() => body));
      }),
    );
  }
}

function idOf(body: unknown): string | undefined {
  const id = (body as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}

function listedIds(body: unknown): string[] | undefined {
  const items = (body as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) return undefined;
  return items.map(idOf).filter((id): id is string => id !== undefined);
}
