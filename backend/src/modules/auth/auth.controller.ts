import { Body, Controller, Get, HttpCode, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LoginResponse, Me } from '@stegvis/contracts';
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
import { ChangePasswordDto, LoginDto, UpdateMeDto } from './auth.dto';
import { AuthService } from './auth.service';
import { MeService } from './me.service';
import { CSRF_COOKIE, SESSION_COOKIE, SessionService } from './session.service';
import { DataSource } from 'typeorm';

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
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in',
    description:
      'Returns a bearer token for API clients and sets an httpOnly session cookie plus an XSRF-TOKEN cookie for the browser app. Wrong credentials answer 401 with the same message whether or not the account exists; repeated failures answer 429.',
  })
  async login(
    @Body() dto: LoginDto,
    @Req() request: StegvisRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponse> {
    const result = await this.auth.login(dto.email, dto.password, {
      requestId: String(request.id),
      ip: request.ip,
    });
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
  @ApiOperation({ summary: 'Log out: revokes the current session at once' })
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

  @RequirePermission('me.read')
  @Get('me')
  @ApiOperation({ summary: 'The logged-in user' })
  getMe(@CurrentAccess() access: Access): Me {
    return this.me.toMe(access);
  }

  @RequirePermission('me.update')
  @Patch('me')
  @ApiOperation({ summary: "Change one's own display name or language" })
  updateMe(@CurrentAccess() access: Access, @Body() dto: UpdateMeDto): Promise<Me> {
    return this.me.update(access, dto);
  }

  @RequirePermission('me.changePassword')
  @Post('me/password')
  @HttpCode(204)
  @ApiOperation({
    summary: "Change one's own password",
    description: 'Ends every other session of the user.',
  })
  async changePassword(
    @CurrentAccess() access: Access,
    @Body() dto: ChangePasswordDto,
  ): Promise<void> {
    await this.me.changePassword(access, dto);
  }
}
