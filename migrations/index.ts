// Every migration, in order. The backend bundle imports this list, so a new migration must be added here.
import { CreateFoundation1763800000000 } from './1763800000000-CreateFoundation';
import { CreateCaseRecords1763900000000 } from './1763900000000-CreateCaseRecords';
import { SeedDefaultInstrument1763900000001 } from './1763900000001-SeedDefaultInstrument';
import { CreateIdempotencyKeys1764000000000 } from './1764000000000-CreateIdempotencyKeys';
import { AddMultiFactorAuth1764100000000 } from './1764100000000-AddMultiFactorAuth';

export const MIGRATIONS = [
  CreateFoundation1763800000000,
  CreateCaseRecords1763900000000,
  SeedDefaultInstrument1763900000001,
  CreateIdempotencyKeys1764000000000,
  AddMultiFactorAuth1764100000000,
];
