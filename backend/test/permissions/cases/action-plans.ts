import type { RouteCases } from '../route-case';

export const ACTION_PLAN_CASES: RouteCases = {};
