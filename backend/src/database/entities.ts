import { AuditLogEntity } from '../audit/audit-log.entity';
import { IdempotencyKeyEntity } from '../idempotency/idempotency-key.entity';
import {
  ActionPlanEntity,
  ActionPlanRevisionEntity,
} from '../modules/action-plans/action-plan.entity';
import { CheckInEntity, InstrumentEntity } from '../modules/check-ins/check-in.entity';
import {
  CoachingSessionEntity,
  SessionAttendanceEntity,
} from '../modules/coaching-sessions/coaching-session.entity';
import { ParticipantEntity } from '../modules/participants/participant.entity';
import {
  FollowUpEntity,
  PlacementEntity,
  PlacementSupervisorEntity,
} from '../modules/placements/placement.entity';
import { MfaRecoveryCodeEntity } from '../modules/auth/mfa.entity';
import { SessionEntity } from '../modules/auth/session.entity';
import { RateLimitEntity } from '../common/rate-limit.entity';
import { EnterpriseEntity, PlaceOfferEntity } from '../modules/enterprises/enterprise.entity';
import { AgreementEntity } from '../modules/enterprise-side/agreement.entity';
import {
  AdviceSessionContactEntity,
  AdviceSessionEntity,
} from '../modules/enterprise-side/advice-session.entity';
import { EnterpriseEventEntity } from '../modules/enterprise-side/enterprise-event.entity';
import { EntrepreneurContactEntity } from '../modules/enterprise-side/entrepreneur-contact.entity';
import { StartedEnterpriseEntity } from '../modules/enterprise-side/started-enterprise.entity';
import {
  GroupSeriesEntity,
  SeriesEnrolmentEntity,
} from '../modules/group-series/group-series.entity';
import { ProgrammeEntity } from '../modules/programmes/programme.entity';
import { ProgrammeMemberEntity, UserEntity } from '../modules/users/user.entity';

export const ENTITIES = [
  ActionPlanEntity,
  AgreementEntity,
  ActionPlanRevisionEntity,
  AuditLogEntity,
  CheckInEntity,
  CoachingSessionEntity,
  FollowUpEntity,
  GroupSeriesEntity,
  IdempotencyKeyEntity,
  InstrumentEntity,
  ParticipantEntity,
  PlacementEntity,
  PlacementSupervisorEntity,
  SessionAttendanceEntity,
  SeriesEnrolmentEntity,
  EnterpriseEntity,
  PlaceOfferEntity,
  EnterpriseEventEntity,
  EntrepreneurContactEntity,
  AdviceSessionEntity,
  AdviceSessionContactEntity,
  MfaRecoveryCodeEntity,
  ProgrammeEntity,
  ProgrammeMemberEntity,
  RateLimitEntity,
  SessionEntity,
  StartedEnterpriseEntity,
  UserEntity,
];
