import { Body, Controller, Get, HttpCode, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  LoginResponse,
  Me,
  MfaEnrolment,
  MfaRecoveryCodes,
  MfaStatus,
} from '@stegvis/contracts';
import type { FastifyReply } from 'fastify';
import type { StegvisRequest } from '../../access/caller';
import {
  type Access,
  CurrentAccess,
  Public,
  RequirePermission,
  SkipAuditInterceptor,
} from '../../access/decorators';
import { AuditService } from '../../audit/audit.service';
import { AppConfig } from '../../config/app-config';
import { SkipIdempotency } from '../../idempotency/idempotency.interceptor';
import {
  ChangePasswordDto,
  ConfirmMfaDto,
  DisableMfaDto,
  LoginDto,
  ReauthDto,
  StartMfaEnrolmentDto,
  UpdateMeDto,
} from './auth.dto';
import { AuthService, type RequestMeta } from './auth.service';
import { MeService } from './me.service';
import { MfaService } from './mfa.service';
import { CSRF_COOKIE, SESSION_COOKIE, SessionService } from './session.service';
import { DataSource } from 'typeorm';
import { ApiErrors } from '../../openapi/openapi.decorators';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly me: MeService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly mfa: MfaService,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiErrors(401, 429)
  @ApiOperation({
    operationId: 'login',
    summary: 'Log in',
    description:
      'Returns a bearer token for API clients and sets an httpOnly session cookie plus an XSRF-TOKEN cookie for the browser app. Wrong credentials answer 401 with the same message whether or not the account exists; repeated failures answer 429. For an account with two-step verification, the right password without `code` answers 401 with `code: "mfa_required"`; a wrong or reused code answers 401 with `code: "mfa_invalid"` and counts as a failed login.',
  })
  async login(
    @Body() dto: LoginDto,
    @Req() request: StegvisRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponse> {
    const result = await this.auth.login(dto.email, dto.password, metaOf(request), dto.code);
    const cookie = {
      path: '/',
      sameSite: 'strict' as const,
      secure: this.config.COOKIE_SECURE,
      expires: result.expiresAt,
    };
    void reply.setCookie(SESSION_COOKIE, result.accessToken, { ...cookie, httpOnly: true });
    void reply.setCookie(CSRF_COOKIE, result.csrfToken, { ...cookie, httpOnly: false });
    return { accessToken: result.accessToken, user: result.user };
  }

  @RequirePermission('session.delete')
  @SkipAuditInterceptor()
  @Post('auth/logout')
  @HttpCode(204)
  @ApiOperation({ operationId: 'logout', summary: 'Log out: revokes the current session at once' })
  async logout(
    @CurrentAccess() access: Access,
    @Req() request: StegvisRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.sessions.revoke(manager, access.sessionId);
      await this.audit.write(
        {
          userId: access.userId,
          role: access.role,
          action: 'logout',
          entity: 'user',
          entityId: access.userId,
          requestId: String(request.id),
          ip: request.ip,
        },
        manager,
      );
    });
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    void reply.clearCookie(CSRF_COOKIE, { path: '/' });
  }

  // Stamps one's own session, like a change of one's own profile: every role may, only the
  // admin's changes of roles, memberships and passwords ask for it (REAUTH_MINUTES).
  @RequirePermission('me.update')
  @SkipIdempotency()
  @Post('auth/reauth')
  @HttpCode(204)
  @ApiErrors(429)
  @ApiOperation({
    operationId: 'reauthenticate',
    summary: 'Re-authenticate: enter the password (or a current TOTP code) again',
    description:
      'An admin\'s changes of roles, programme memberships or enterprise, new accounts and password resets answer 403 with `code: "reauth_required"` unless the session re-authenticated within REAUTH_MINUTES (default 5). Send exactly one of `password` or (with two-step verification on) `code`. A wrong answer is a 400 on that field and counts as a failed login towards the lockout (429 once locked).',
  })
  async reauthenticate(
    @CurrentAccess() access: Access,
    @Body() dto: ReauthDto,
    @Req() request: StegvisRequest,
  ): Promise<void> {
    await this.auth.reauthenticate(access, dto, metaOf(request));
  }

  @RequirePermission('me.read')
  @Get('me')
  @ApiOperation({ operationId: 'getMe', summary: 'The logged-in user' })
  getMe(@CurrentAccess() access: Access): Me {
    return this.me.toMe(access);
  }

  @RequirePermission('me.update')
  @Patch('me')
  @ApiOperation({ operationId: 'updateMe', summary: "Change one's own display name or language" })
  updateMe(@CurrentAccess() access: Access, @Body() dto: UpdateMeDto): Promise<Me> {
    return this.me.update(access, dto);
  }

  @RequirePermission('me.changePassword')
  @Post('me/password')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'changePassword',
    summary: "Change one's own password",
    description: 'Ends every other session of the user.',
  })
  async changePassword(
    @CurrentAccess() access: Access,
    @Body() dto: ChangePasswordDto,
  ): Promise<void> {
    await this.me.changePassword(access, dto);
  }

  @RequirePermission('me.read')
  @Get('me/mfa')
  @ApiOperation({
    operationId: 'getMfaStatus',
    summary: "The state of one's own two-step verification (MFA)",
  })
  mfaStatus(@CurrentAccess() access: Access): Promise<MfaStatus> {
    return this.mfa.status(access.userId);
  }

  @RequirePermission('me.enrolMfa')
  @SkipIdempotency()
  @Post('me/mfa/enrolment')
  @ApiErrors(409)
  @ApiOperation({
    operationId: 'startMfaEnrolment',
    summary: 'Start enrolling in two-step verification (TOTP)',
    description:
      'Asks for the password again. Returns a new secret, its otpauth:// URI and a QR code (SVG); it becomes active only after POST /api/me/mfa/confirm with a current code, and is never returned again. Starting again replaces a pending secret.',
  })
  startMfaEnrolment(
    @CurrentAccess() access: Access,
    @Body() dto: StartMfaEnrolmentDto,
    @Req() request: StegvisRequest,
  ): Promise<MfaEnrolment> {
    return this.mfa.startEnrolment(access, dto.password, metaOf(request));
  }

  @RequirePermission('me.enrolMfa')
  @SkipIdempotency()
  @Post('me/mfa/confirm')
  @HttpCode(200)
  @ApiErrors(409)
  @ApiOperation({
    operationId: 'confirmMfaEnrolment',
    summary: 'Confirm the enrolment with a current code: two-step verification is on',
    description:
      "Returns ten one-time recovery codes, shown only this once (only their hashes are kept). Ends the user's other sessions.",
  })
  confirmMfa(
    @CurrentAccess() access: Access,
    @Body() dto: ConfirmMfaDto,
  ): Promise<MfaRecoveryCodes> {
    return this.mfa.confirm(access, dto.code);
  }

  @RequirePermission('me.disableMfa')
  @Post('me/mfa/disable')
  @HttpCode(204)
  @ApiErrors(409)
  @ApiOperation({
    operationId: 'disableMfa',
    summary: 'Turn two-step verification off',
    description: 'Needs the password and a current code or an unused recovery code.',
  })
  async disableMfa(
    @CurrentAccess() access: Access,
    @Body() dto: DisableMfaDto,
    @Req() request: StegvisRequest,
  ): Promise<void> {
    await this.mfa.disable(access, dto.password, dto.code, metaOf(request));
  }
}

function metaOf(request: StegvisRequest): RequestMeta {
  return { requestId: String(request.id), ip: request.ip };
}
