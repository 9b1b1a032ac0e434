import { Routes } from '@angular/router';
import { accessGuard } from '../../core/auth/auth.guards';
import { EnterpriseSideStore } from './enterprise-side.store';

// "Sociala företag" (coaches and leads): one lazy chunk, four tabs sharing the chosen programme.
export const ENTERPRISE_SIDE_ROUTES: Routes = [
  {
    path: '',
    providers: [EnterpriseSideStore],
    loadComponent: () => import('./enterprise-side.page').then((m) => m.EnterpriseSidePage),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'events' },
      {
        path: 'events',
        title: 'enterpriseSide.tabs.events',
        canActivate: [accessGuard({ permission: 'enterpriseEvent.list' })],
        loadComponent: () => import('./events.page').then((m) => m.EventsPage),
      },
      {
        path: 'agreements',
        title: 'enterpriseSide.tabs.agreements',
        canActivate: [accessGuard({ permission: 'agreement.list' })],
        loadComponent: () => import('./agreements.page').then((m) => m.AgreementsPage),
      },
      {
        path: 'started',
        title: 'enterpriseSide.tabs.started',
        canActivate: [accessGuard({ permission: 'startedEnterprise.list' })],
        loadComponent: () => import('./started.page').then((m) => m.StartedPage),
      },
      {
        path: 'advice',
        title: 'enterpriseSide.tabs.advice',
        canActivate: [accessGuard({ permission: 'adviceSession.list' })],
        loadComponent: () => import('./advice.page').then((m) => m.AdvicePage),
      },
    ],
  },
];
