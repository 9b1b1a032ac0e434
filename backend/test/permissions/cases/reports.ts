import type { RouteCases } from '../route-case';

export const REPORT_CASES: RouteCases = {};
