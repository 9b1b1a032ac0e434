import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page, User } from '@stegvis/contracts';
import { type Access, CurrentAccess, RequirePermission } from '../../access/decorators';
import { UuidParamPipe } from '../../common/uuid-param.pipe';
import { CreateUserDto, ListUsersQuery, UpdateUserDto } from './user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

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
}
