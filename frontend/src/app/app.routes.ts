import { Routes } from '@angular/router';
import { CAPACITY_ACCESS, WORKSPACES } from './core/auth/access';
import { accessGuard, guestGuard, homeRedirectGuard } from './core/auth/auth.guards';

export const routes: Routes = [
  {
    path: 'login',
    title: 'login.title',
    canActivate: [guestGuard],
    loadComponent: () => import('./features/login/login.page').then((m) => m.LoginPage),
  },
  {
    path: '',
    canActivate: [accessGuard()],
    loadComponent: () => import('./shell/shell.component').then((m) => m.ShellComponent),
    children: [
      { path: '', pathMatch: 'full', canActivate: [homeRedirectGuard], children: [] },
      {
        path: 'coach',
        canActivate: [accessGuard(WORKSPACES.coach)],
        loadChildren: () => import('./features/coach/coach.routes').then((m) => m.COACH_ROUTES),
      },
      {
        path: 'supervisor',
        canActivate: [accessGuard(WORKSPACES.supervisor)],
        loadChildren: () =>
          import('./features/supervisor/supervisor.routes').then((m) => m.SUPERVISOR_ROUTES),
      },
      {
        path: 'lead',
        canActivate: [accessGuard({ roles: ['lead'] })],
        loadChildren: () => import('./features/lead/lead.routes').then((m) => m.LEAD_ROUTES),
      },
      {
        // The programme's work with social enterprises: coaches and leads.
        path: 'social-enterprises',
        canActivate: [accessGuard({ permission: 'enterpriseEvent.list' })],
        loadChildren: () =>
          import('./features/enterprise-side/enterprise-side.routes').then(
            (m) => m.ENTERPRISE_SIDE_ROUTES,
          ),
      },
      {
        // Work-training places offered against those in use, per enterprise: leads and coaches.
        path: 'capacity',
        title: 'capacity.title',
        canActivate: [accessGuard(CAPACITY_ACCESS)],
        loadComponent: () =>
          import('./features/capacity/capacity.page').then((m) => m.CapacityPage),
      },
      {
        // One's own password; the only page open while it is a one-time password an admin set.
        path: 'account/password',
        title: 'account.password.title',
        loadComponent: () =>
          import('./features/account/change-password.page').then((m) => m.ChangePasswordPage),
      },
      {
        // Every role's own account (two-step verification); reachable before MFA enrolment too.
        path: 'account',
        title: 'account.title',
        loadComponent: () => import('./features/account/account.page').then((m) => m.AccountPage),
      },
      {
        path: 'admin',
        loadChildren: () => import('./features/admin/admin.routes').then((m) => m.ADMIN_ROUTES),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
