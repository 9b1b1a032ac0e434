import type { RouteCases } from '../route-case';

export const PARTICIPANT_CASES: RouteCases = {};
