import type { RouteCases } from '../route-case';

export const PLACEMENT_CASES: RouteCases = {};
