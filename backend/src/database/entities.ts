import { AuditLogEntity } from '../audit/audit-log.entity';
import { LoginThrottleEntity, SessionEntity } from '../modules/auth/session.entity';
import { EnterpriseEntity } from '../modules/enterprises/enterprise.entity';
import { ProgrammeEntity } from '../modules/programmes/programme.entity';
import { ProgrammeMemberEntity, UserEntity } from '../modules/users/user.entity';

export const ENTITIES = [
  AuditLogEntity,
  EnterpriseEntity,
  LoginThrottleEntity,
  ProgrammeEntity,
  ProgrammeMemberEntity,
  SessionEntity,
  UserEntity,
];
