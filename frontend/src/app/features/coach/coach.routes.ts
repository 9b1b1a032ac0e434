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
    path: 'participants/:id',
    title: 'participant.title',
    loadComponent: () => import('./participant/participant.page').then((m) => m.ParticipantPage),
  },
];
