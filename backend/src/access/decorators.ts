import {
  createParamDecorator,
  ExecutionContext,
  InternalServerErrorException,
  SetMetadata,
} from '@nestjs/common';
import type { CaseDataResponse, Permission } from '@stegvis/contracts';
import type { Caller, Grant, StegvisRequest } from './caller';

export const PERMISSION_KEY = 'stegvis:permission';
export const PUBLIC_KEY = 'stegvis:public';
export const CASE_DATA_KEY = 'stegvis:case-data';

/** The permission a route needs; the policy table in libs/contracts says who has it, and how far. */
export const RequirePermission = (permission: Permission) =>
  SetMetadata(PERMISSION_KEY, permission);

/**
 * What a route that carries participant data answers (a response of libs/contracts' views.ts, or
 * `none`); the view in the caller's grant picks the shape, and the field-leak suite checks it.
 * Every route whose permission grants a case-data view must declare it.
 */
export const CaseData = (response: CaseDataResponse) => SetMetadata(CASE_DATA_KEY, response);

/** The only way past the guard without a session: login, health, the web app's files. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The authenticated caller together with the scope and view granted for this route. */
export interface Access extends Caller {
  scope: Grant['scope'];
  view: Grant['view'];
  graceDays: Grant['graceDays'];
}

export const CurrentAccess = createParamDecorator((_: unknown, ctx: ExecutionContext): Access => {
  const request = ctx.switchToHttp().getRequest<StegvisRequest>();
  if (!request.caller || !request.grant) {
    // Only reachable if a route uses this decorator while marked @Public.
    throw new InternalServerErrorException();
  }
  const { scope, view, graceDays } = request.grant;
  return { ...request.caller, scope, view, graceDays };
});

export const SKIP_AUDIT_KEY = 'stegvis:skip-audit';

/** For the few routes that write a more specific audit row themselves (logout). */
export const SkipAuditInterceptor = () => SetMetadata(SKIP_AUDIT_KEY, true);
