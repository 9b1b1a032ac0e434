import type { RouteCases } from '../route-case';

export const TIMELINE_CASES: RouteCases = {};
