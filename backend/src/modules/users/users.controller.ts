import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  Param,
  Patch,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page, User } from '@stegvis/contracts';
import type { StegvisRequest } from '../../access/caller';
import {
  type Access,
  CurrentAccess,
  RequirePermission,
  SkipAuditInterceptor,
} from '../../access/decorators';
import { assertRecentlyReauthenticated } from '../../access/reauth';
import { UuidParamPipe } from '../../common/uuid-param.pipe';
import { MfaService } from '../auth/mfa.service';
import { CreateUserDto, ListUsersQuery, UpdateUserDto } from './user.dto';
import { type AuditContext, UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly mfa: MfaService,
  ) {}

  @RequirePermission('user.list')
  @Get()
  @ApiOperation({ operationId: 'listUsers', summary: 'List user accounts (admin)' })
  list(@Query() query: ListUsersQuery): Promise<Page<User>> {
    return this.users.list(query);
  }

  @RequirePermission('user.create')
  @SkipAuditInterceptor()
  @Post()
  @ApiOperation({
    operationId: 'createUser',
    summary: 'Create a user account (admin)',
    description:
      'The password is a one-time password: the new user must choose their own at the first login (`mustChangePassword`). Needs a re-authentication within REAUTH_MINUTES (403 `code: "reauth_required"`; POST /api/auth/reauth). Audited with the role, programmes and enterprise given.',
  })
  create(
    @Body() dto: CreateUserDto,
    @CurrentAccess() access: Access,
    @Req() request: StegvisRequest,
  ): Promise<User> {
    return this.users.create(dto, access, auditContextOf(request));
  }

  @RequirePermission('user.read')
  @Get(':id')
  @ApiOperation({ operationId: 'getUser', summary: 'One user account (admin)' })
  get(@Param('id', UuidParamPipe) id: string): Promise<User> {
    return this.users.get(id);
  }

  @RequirePermission('user.update')
  @SkipAuditInterceptor()
  @Patch(':id')
  @ApiOperation({
    operationId: 'updateUser',
    summary: 'Edit, disable or reset the password of a user account (admin)',
    description:
      'Disabling, a password reset or a change of role ends the user\'s sessions at once. A password set here is a one-time password: the user must choose their own at the next login. An admin cannot change their own role, programmes, enterprise or password here, nor disable their own account (400 naming the field); the last active admin cannot be demoted or disabled (400 on `role` or `disabled`). Changes of role, programmes or enterprise and password resets need a re-authentication within REAUTH_MINUTES (403 `code: "reauth_required"`; POST /api/auth/reauth). Audited with the role, programmes, enterprise and disabled state before and after.',
  })
  update(
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateUserDto,
    @CurrentAccess() access: Access,
    @Req() request: StegvisRequest,
  ): Promise<User> {
    return this.users.update(id, dto, access, auditContextOf(request));
  }

  @RequirePermission('user.resetMfa')
  @Delete(':id/mfa')
  @ApiOperation({
    operationId: 'resetUserMfa',
    summary: "Reset a user's two-step verification (admin)",
    description:
      'For a user who lost both their authenticator and their recovery codes: turns MFA off, deletes the secret and the codes, and ends their sessions. Audited. Not for one\'s own account (use POST /api/me/mfa/disable). Needs a re-authentication within REAUTH_MINUTES (403 `code: "reauth_required"`).',
  })
  async resetMfa(
    @Param('id', UuidParamPipe) id: string,
    @CurrentAccess() access: Access,
  ): Promise<User> {
    if (id === access.userId) {
      throw new BadRequestException(
        'Turn off your own two-step verification from your account page.',
      );
    }
    // With a reset and a password reset, whoever holds the session could take the account over.
    assertRecentlyReauthenticated(access);
    await this.mfa.reset(id);
    return this.users.get(id);
  }
}

function auditContextOf(request: StegvisRequest): AuditContext {
  return {
    requestId: String(request.id),
    ip: request.ip,
    route: `${request.method} ${request.routeOptions.url ?? ''}`,
  };
}
