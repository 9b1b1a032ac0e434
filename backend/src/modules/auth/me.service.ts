import { BadRequestException, Injectable } from '@nestjs/common';
import type { Me } from '@stegvis/contracts';
import { DataSource } from 'typeorm';
import type { Access } from '../../access/decorators';
import { AppConfig, mfaRequiredRoles } from '../../config/app-config';
import { FieldValidationException } from '../../common/validation';
import { UserEntity } from '../users/user.entity';
import type { ChangePasswordDto, UpdateMeDto } from './auth.dto';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';
import { SessionService } from './session.service';

@Injectable()
export class MeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly config: AppConfig,
  ) {}

  toMe(access: Access): Me {
    return {
      id: access.userId,
      email: access.email,
      name: access.name,
      role: access.role,
      locale: access.locale,
      enterpriseId: access.enterpriseId,
      programmeIds: access.programmeIds,
      sessionIdleSeconds: this.config.SESSION_IDLE_MINUTES * 60,
      mfaEnabled: access.mfaEnabled,
      mfaEnrollmentRequired:
        !access.mfaEnabled && mfaRequiredRoles(this.config).includes(access.role),
      mustChangePassword: access.mustChangePassword,
    };
  }

  async update(access: Access, dto: UpdateMeDto): Promise<Me> {
    const changes: Partial<UserEntity> = {};
    if (dto.locale !== undefined) changes.locale = dto.locale;
    if (dto.name !== undefined) changes.name = dto.name.trim();
    if (Object.keys(changes).length > 0) {
      await this.dataSource.getRepository(UserEntity).update({ id: access.userId }, changes);
    }
    return this.toMe({ ...access, ...changes });
  }

  async changePassword(access: Access, dto: ChangePasswordDto): Promise<void> {
    const user = await this.dataSource
      .getRepository(UserEntity)
      .findOneByOrFail({ id: access.userId });
    if (!(await verifyPassword(user.passwordHash, dto.currentPassword))) {
      throw new FieldValidationException({ currentPassword: ['The current password is wrong.'] });
    }
    const problem = passwordProblem(dto.newPassword, [user.email, user.name]);
    if (problem) throw new FieldValidationException({ newPassword: [problem] });
    if (dto.newPassword === dto.currentPassword) {
      throw new BadRequestException('Choose a password that differs from the current one.');
    }
    const passwordHash = await hashPassword(dto.newPassword);
    await this.dataSource.transaction(async (manager) => {
      // The user's own choice: a one-time password an admin set is gone.
      await manager.update(
        UserEntity,
        { id: user.id },
        { passwordHash, passwordChangedAt: new Date(), mustChangePassword: false },
      );
      await this.sessions.revokeAllOf(manager, user.id, access.sessionId);
    });
  }
}
