import type { RouteCases } from '../route-case';

export const REPORT_CASES: RouteCases = {
  'GET /api/programmes/:id/report': {
    permission: 'report.read',
    inScope: (w) => ({
      path: `/api/programmes/${w.programmeIn}/report?from=2026-01-01&to=2026-06-30`,
    }),
    outOfScope: (w) => ({
      path: `/api/programmes/${w.programmeOut}/report?from=2026-01-01&to=2026-06-30`,
    }),
  },
  'GET /api/programmes/:id/export': {
    permission: 'report.export',
    inScope: (w) => ({ path: `/api/programmes/${w.programmeIn}/export?format=csv` }),
    outOfScope: (w) => ({ path: `/api/programmes/${w.programmeOut}/export?format=csv` }),
  },
};
