import type { RouteCases } from '../route-case';
import { ACTION_PLAN_CASES } from './action-plans';
import { CHECK_IN_CASES } from './check-ins';
import { COACHING_SESSION_CASES } from './coaching-sessions';
import { ENTERPRISE_SIDE_CASES } from './enterprise-side';
import { FOUNDATION_CASES } from './foundation';
import { GROUP_SERIES_CASES } from './group-series';
import { MFA_CASES } from './mfa';
import { PARTICIPANT_IMPORT_CASES } from './participant-imports';
import { PARTICIPANT_CASES } from './participants';
import { PLACEMENT_CASES } from './placements';
import { REPORT_CASES } from './reports';
import { TIMELINE_CASES } from './timeline';

export const PUBLIC_ROUTES = ['GET /api/health', 'POST /api/auth/login'];

const parts: RouteCases[] = [
  FOUNDATION_CASES,
  MFA_CASES,
  PARTICIPANT_CASES,
  PARTICIPANT_IMPORT_CASES,
  ACTION_PLAN_CASES,
  COACHING_SESSION_CASES,
  PLACEMENT_CASES,
  CHECK_IN_CASES,
  TIMELINE_CASES,
  REPORT_CASES,
  ENTERPRISE_SIDE_CASES,
  GROUP_SERIES_CASES,
];

/** Every route's case, keyed `METHOD /api/path/:param`; a key defined twice is a mistake. */
export const CASES: RouteCases = {};
for (const part of parts) {
  for (const [key, routeCase] of Object.entries(part)) {
    if (key in CASES) throw new Error(`permission case ${key} is defined twice`);
    CASES[key] = routeCase;
  }
}
