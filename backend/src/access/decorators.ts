import {
  createParamDecorator,
  ExecutionContext,
  InternalServerErrorException,
  SetMetadata,
} from '@nestjs/common';
import type { Permission } from '@stegvis/contracts';
import type { Caller, Grant, StegvisRequest } from './caller';

export const PERMISSION_KEY = 'stegvis:permission';
export const PUBLIC_KEY = 'stegvis:public';

/** The permission a route needs; the policy table in libs/contracts says who has it, and how far. */
export const RequirePermission = (permission: Permission) =>
  SetMetadata(PERMISSION_KEY, permission);

/** The only way past the guard without a session: login, health, the web app's files. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The authenticated caller together with the scope granted for this route. */
export interface Access extends Caller {
  scope: Grant['scope'];
}

export const CurrentAccess = createParamDecorator((_: unknown, ctx: ExecutionContext): Access => {
  const request = ctx.switchToHttp().getRequest<StegvisRequest>();
  if (!request.caller || !request.grant) {
    // Only reachable if a route uses this decorator while marked @Public.
    throw new InternalServerErrorException();
  }
  return { ...request.caller, scope: request.grant.scope };
});

export const SKIP_AUDIT_KEY = 'stegvis:skip-audit';

/** For the few routes that write a more specific audit row themselves (logout). */
export const SkipAuditInterceptor = () => SetMetadata(SKIP_AUDIT_KEY, true);
