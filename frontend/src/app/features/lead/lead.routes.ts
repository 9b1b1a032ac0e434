import { Routes } from '@angular/router';
import { accessGuard } from '../../core/auth/auth.guards';
import { LeadStore } from './lead.store';

// One store for both pages, so the programme and period chosen on the dashboard carry over.
export const LEAD_ROUTES: Routes = [
  {
    path: '',
    providers: [LeadStore],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'lead.dashboardTitle',
        loadComponent: () => import('./lead-dashboard.page').then((m) => m.LeadDashboardPage),
      },
      {
        path: 'report',
        title: 'lead.reportTitle',
        canActivate: [accessGuard({ permission: 'report.read', roles: ['lead'] })],
        loadComponent: () => import('./lead-report.page').then((m) => m.LeadReportPage),
      },
    ],
  },
];
