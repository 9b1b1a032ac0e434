import { Routes } from '@angular/router';
import { accessGuard } from '../../core/auth/auth.guards';

// The coach's workspace, one lazy chunk; the progression chart (ngx-charts) is deferred further.
export const COACH_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'pages.coach.title',
    loadComponent: () => import('./caseload/caseload.page').then((m) => m.CaseloadPage),
  },
  {
    path: 'participants/new',
    title: 'register.title',
    canActivate: [accessGuard({ permission: 'participant.create' })],
    loadComponent: () =>
      import('./register/register-participant.page').then((m) => m.RegisterParticipantPage),
  },
  {
    path: 'participants/:id/exit',
    title: 'exit.title',
    canActivate: [accessGuard({ permission: 'participant.update' })],
    loadComponent: () => import('./exit/exit.page').then((m) => m.ExitPage),
  },
  {
    path: 'group-sessions',
    title: 'groupSessions.title',
    canActivate: [accessGuard({ permission: 'coachingSession.create' })],
    loadComponent: () =>
      import('./group-sessions/group-sessions.page').then((m) => m.GroupSessionsPage),
  },
  {
    path: 'group-series',
    loadChildren: () =>
      import('./group-series/group-series.routes').then((m) => m.GROUP_SERIES_ROUTES),
  },
  {
    path: 'import',
    title: 'import.title',
    canActivate: [accessGuard({ permission: 'participant.import' })],
    loadComponent: () => import('./import/import.page').then((m) => m.ImportPage),
  },
  {
    path: 'participants/:id',
    title: 'participant.title',
    loadComponent: () => import('./participant/participant.page').then((m) => m.ParticipantPage),
  },
];
