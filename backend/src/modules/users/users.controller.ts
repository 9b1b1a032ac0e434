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
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page, User } from '@stegvis/contracts';
import { type Access, CurrentAccess, RequirePermission } from '../../access/decorators';
import { UuidParamPipe } from '../../common/uuid-param.pipe';
import { MfaService } from '../auth/mfa.service';
import { CreateUserDto, ListUsersQuery, UpdateUserDto } from './user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly mfa: MfaService,
  ) {}

  @RequirePermission('user.list')
  @Get()
  @ApiOperation({ summary: 'List user accounts (admin)' })
  list(@Query() query: ListUsersQuery): Promise<Page<User>> {
    return this.users.list(query);
  }

  @RequirePermission('user.create')
  @Post()
  @ApiOperation({ summary: 'Create a user account (admin)' })
  create(@Body() dto: CreateUserDto): Promise<User> {
    return this.users.create(dto);
  }

  @RequirePermission('user.read')
  @Get(':id')
  @ApiOperation({ summary: 'One user account (admin)' })
  get(@Param('id', UuidParamPipe) id: string): Promise<User> {
    return this.users.get(id);
  }

  @RequirePermission('user.update')
  @Patch(':id')
  @ApiOperation({
    summary: 'Edit, disable or reset the password of a user account (admin)',
    description:
      "Disabling, a password reset or a change of role ends the user's sessions at once.",
  })
  update(
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateUserDto,
    @CurrentAccess() access: Access,
  ): Promise<User> {
    return this.users.update(id, dto, access.userId);
  }

  @RequirePermission('user.resetMfa')
  @Delete(':id/mfa')
  @ApiOperation({
    summary: "Reset a user's two-step verification (admin)",
    description:
      "For a user who lost both their authenticator and their recovery codes: turns MFA off, deletes the secret and the codes, and ends their sessions. Audited. Not for one's own account (use POST /api/me/mfa/disable).",
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
    await this.mfa.reset(id);
    return this.users.get(id);
  }
}
