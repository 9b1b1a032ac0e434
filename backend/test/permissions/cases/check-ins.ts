import type { RouteCases } from '../route-case';

export const CHECK_IN_CASES: RouteCases = {};
