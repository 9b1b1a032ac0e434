import { Routes } from '@angular/router';
import { accessGuard } from '../../core/auth/auth.guards';

export const SUPERVISOR_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'pages.supervisor.title',
    loadComponent: () => import('./supervisor-home.page').then((m) => m.SupervisorHomePage),
  },
  {
    path: 'placements/:placementId/follow-up',
    title: 'followUp.title',
    canActivate: [accessGuard({ permission: 'followUp.create' })],
    loadComponent: () => import('./follow-up.page').then((m) => m.FollowUpPage),
  },
  {
    path: 'participants/:participantId/check-in',
    title: 'supervisorRating.title',
    canActivate: [accessGuard({ permission: 'checkIn.create' })],
    loadComponent: () => import('./check-in.page').then((m) => m.SupervisorCheckInPage),
  },
];
