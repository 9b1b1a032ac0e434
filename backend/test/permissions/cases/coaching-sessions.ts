import type { RouteCases } from '../route-case';

export const COACHING_SESSION_CASES: RouteCases = {};
