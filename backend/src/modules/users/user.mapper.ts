import type { User } from '@stegvis/contracts';
import type { UserEntity } from './user.entity';

export function toUser(entity: UserEntity, programmeIds: string[]): User {
  return {
    id: entity.id,
    email: entity.email,
    name: entity.name,
    role: entity.role,
    enterpriseId: entity.enterpriseId,
    programmeIds,
    locale: entity.locale,
    disabled: entity.disabledAt !== null,
    mfaEnabled: entity.mfaEnabledAt !== null,
    createdAt: entity.createdAt.toISOString(),
  };
}
