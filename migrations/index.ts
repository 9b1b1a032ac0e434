// Every migration, in order. The backend bundle imports this list, so a new migration must be added here.
import { CreateFoundation1763800000000 } from './1763800000000-CreateFoundation';
import { CreateCaseRecords1763900000000 } from './1763900000000-CreateCaseRecords';
import { SeedDefaultInstrument1763900000001 } from './1763900000001-SeedDefaultInstrument';
import { CreateIdempotencyKeys1764000000000 } from './1764000000000-CreateIdempotencyKeys';
import { AddMultiFactorAuth1764100000000 } from './1764100000000-AddMultiFactorAuth';
import { AddPersonnummerLastFourIndex1765000000100 } from './1765000000100-AddPersonnummerLastFourIndex';
import { CreateParticipationReopenings1765000000200 } from './1765000000200-CreateParticipationReopenings';
import { AddAuditReferences1765000000600 } from './1765000000600-AddAuditReferences';
import { CreateRateLimits1765100001000 } from './1765100001000-CreateRateLimits';
import { ReduceParticipationsToMonths1765100004000 } from './1765100004000-ReduceParticipationsToMonths';
import { AddOneTimePasswordsAndReauth1765100002000 } from './1765100002000-AddOneTimePasswordsAndReauth';
import { ConvertProgrammeTargetsToCatalogue1765300000000 } from './1765300000000-ConvertProgrammeTargetsToCatalogue';
import { CreateReportPublications1765400000000 } from './1765400000000-CreateReportPublications';
import { AddEnterpriseProfile1765500000700 } from './1765500000700-AddEnterpriseProfile';
import { CreateAdviceRecords1765500000600 } from './1765500000600-CreateAdviceRecords';
import { CreateEnterpriseSideRecords1765500000400 } from './1765500000400-CreateEnterpriseSideRecords';
import { CreateGroupSeries1765500000500 } from './1765500000500-CreateGroupSeries';

export const MIGRATIONS = [
  CreateFoundation1763800000000,
  CreateCaseRecords1763900000000,
  SeedDefaultInstrument1763900000001,
  CreateIdempotencyKeys1764000000000,
  AddMultiFactorAuth1764100000000,
  AddPersonnummerLastFourIndex1765000000100,
  CreateParticipationReopenings1765000000200,
  AddAuditReferences1765000000600,
  CreateRateLimits1765100001000,
  AddOneTimePasswordsAndReauth1765100002000,
  ReduceParticipationsToMonths1765100004000,
  ConvertProgrammeTargetsToCatalogue1765300000000,
  CreateReportPublications1765400000000,
  CreateEnterpriseSideRecords1765500000400,
  CreateGroupSeries1765500000500,
  CreateAdviceRecords1765500000600,
  AddEnterpriseProfile1765500000700,
];
