import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Permission, POLICY, scopeOf } from '@stegvis/contracts';
import { SessionService } from '../modules/auth/session.service';
import type { StegvisRequest } from './caller';
import { PERMISSION_KEY, PUBLIC_KEY } from './decorators';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Deny by default: every route needs either @Public() or a permission from the policy table.
 * Authenticates by bearer token (API clients) or session cookie (the browser app, with a
 * double-submit CSRF token on unsafe methods).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<StegvisRequest>();
    const credentials = this.sessions.credentialsOf(request);
    if (!credentials) throw new UnauthorizedException('Log in to continue.');
    const session = await this.sessions.resolve(credentials.token);
    if (!session) throw new UnauthorizedException('Your session has ended. Log in again.');
    if (credentials.viaCookie && !SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-xsrf-token'];
      if (typeof header !== 'string' || !this.sessions.csrfMatches(session.csrfToken, header)) {
        throw new ForbiddenException('The request is missing its CSRF token. Reload the page.');
      }
    }
    request.caller = session.caller;

    const permission = this.reflector.getAllAndOverride<Permission | undefined>(
      PERMISSION_KEY,
      targets,
    );
    if (!permission || !(permission in POLICY)) {
      throw new ForbiddenException('This action is not allowed.');
    }
    const scope = scopeOf(session.caller.role, permission);
    if (!scope) throw new ForbiddenException('Your role does not allow this action.');
    request.grant = { permission, scope };
    return true;
  }
}
