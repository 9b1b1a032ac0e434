import { Routes } from '@angular/router';
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
        title: 'pages.coach.title',
        canActivate: [accessGuard({ roles: ['coach'] })],
        loadComponent: () =>
          import('./features/coach/coach-home.page').then((m) => m.CoachHomePage),
      },
      {
        path: 'supervisor',
        title: 'pages.supervisor.title',
        canActivate: [accessGuard({ roles: ['supervisor'] })],
        loadComponent: () =>
          import('./features/supervisor/supervisor-home.page').then((m) => m.SupervisorHomePage),
      },
      {
        path: 'lead',
        title: 'pages.lead.title',
        canActivate: [accessGuard({ roles: ['lead'] })],
        loadComponent: () => import('./features/lead/lead-home.page').then((m) => m.LeadHomePage),
      },
      {
        path: 'admin',
        loadChildren: () => import('./features/admin/admin.routes').then((m) => m.ADMIN_ROUTES),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
