import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { cellOf, Permission, POLICY, type Role } from '@stegvis/contracts';
import { AuditService } from '../audit/audit.service';
import { HttpExceptionWithBody } from '../common/http-exception.filter';
import { AppConfig, mfaRequiredRoles } from '../config/app-config';
import type { StegvisRequest } from './caller';
import { PERMISSION_KEY, PUBLIC_KEY } from './decorators';
import { SESSION_RESOLVER, type SessionResolver } from './session-resolver';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What a user whose role must use MFA can do before enrolling: their account page, and leave. */
const BEFORE_MFA_ENROLMENT = new Set<Permission>([
  'me.read',
  'me.update',
  'me.enrolMfa',
  'session.delete',
]);

/**
 * What a user with a one-time password (set by an admin) can do before choosing their own: read
 * who they are, change the password, and leave.
 */
const BEFORE_PASSWORD_CHANGE = new Set<Permission>([
  'me.read',
  'me.changePassword',
  'session.delete',
]);

/**
 * Deny by default: every route needs either @Public() or a permission from the policy table.
 * Authenticates by bearer token (API clients) or session cookie (the browser app, with a
 * double-submit CSRF token on unsafe methods). A refusal of a signed-in user leaves a `denied`
 * audit row (ASVS 16.3.2); a request without credentials leaves none, so anonymous clients cannot
 * write to the audit log.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly mfaRequired: ReadonlySet<Role>;
  private readonly graceDays: number;

  constructor(
    private readonly reflector: Reflector,
    @Inject(SESSION_RESOLVER) private readonly sessions: SessionResolver,
    private readonly audit: AuditService,
    config: AppConfig,
  ) {
    this.mfaRequired = new Set(mfaRequiredRoles(config));
    this.graceDays = config.SUPERVISOR_GRACE_DAYS;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<StegvisRequest>();
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(
      PERMISSION_KEY,
      targets,
    );
    const credentials = this.sessions.credentialsOf(request);
    if (!credentials) throw new UnauthorizedException('Log in to continue.');
    const session = await this.sessions.resolve(credentials.token);
    if (!session) {
      const owner = await this.sessions.ownerOfEndedSession(credentials.token);
      if (owner) {
        await this.audit.writeRefusal(request, owner, {
          status: 401,
          reason: 'session-ended',
          permission,
        });
      }
      throw new UnauthorizedException('Your session has ended. Log in again.');
    }
    if (credentials.viaCookie && !SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-xsrf-token'];
      if (typeof header !== 'string' || !this.sessions.csrfMatches(session.csrfToken, header)) {
        await this.audit.writeRefusal(request, session.caller, {
          status: 403,
          reason: 'csrf',
          permission,
        });
        throw new ForbiddenException('The request is missing its CSRF token. Reload the page.');
      }
    }
    request.caller = session.caller;

    if (!permission || !(permission in POLICY)) {
      await this.audit.writeRefusal(request, session.caller, { status: 403, reason: 'undeclared' });
      throw new ForbiddenException('This action is not allowed.');
    }
    const cell = cellOf(session.caller.role, permission);
    if (!cell) {
      await this.audit.writeRefusal(request, session.caller, {
        status: 403,
        reason: 'role',
        permission,
      });
      throw new ForbiddenException('Your role does not allow this action.');
    }
    if (session.caller.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(permission)) {
      // Whoever set the one-time password (an admin) knows it: nothing opens until it is changed.
      await this.audit.writeRefusal(request, session.caller, {
        status: 403,
        reason: 'role',
        permission,
      });
      throw new HttpExceptionWithBody(403, 'Choose a new password to continue.', {
        code: 'password_change_required',
      });
    }
    if (
      !session.caller.mfaEnabled &&
      this.mfaRequired.has(session.caller.role) &&
      !BEFORE_MFA_ENROLMENT.has(permission)
    ) {
      // The role's policy (MFA_REQUIRED_ROLES) refuses it until the user enrols.
      await this.audit.writeRefusal(request, session.caller, {
        status: 403,
        reason: 'role',
        permission,
      });
      throw new HttpExceptionWithBody(403, 'Set up two-step verification to continue.', {
        code: 'mfa_enrollment_required',
      });
    }
    request.grant = { permission, scope: cell.scope, view: cell.view, graceDays: this.graceDays };
    return true;
  }
}
