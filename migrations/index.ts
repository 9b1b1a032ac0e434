// Every migration, in order. The backend bundle imports this list, so a new migration must be added here.
import { CreateFoundation1763800000000 } from './1763800000000-CreateFoundation';

export const MIGRATIONS = [CreateFoundation1763800000000];
