import { Routes } from '@angular/router';
import { accessGuard } from '../../core/auth/auth.guards';

// Each sub-page is guarded by the same permission its navigation entry and card use.
export const ADMIN_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'pages.admin.title',
    canActivate: [accessGuard({ roles: ['admin'] })],
    loadComponent: () => import('./admin-home.page').then((m) => m.AdminHomePage),
  },
  {
    path: 'users',
    title: 'nav.users',
    canActivate: [accessGuard({ permission: 'user.list' })],
    data: { titleKey: 'nav.users', leadKey: 'pages.admin.users' },
    loadComponent: () => import('./admin-placeholder.page').then((m) => m.AdminPlaceholderPage),
  },
  {
    path: 'programmes',
    title: 'nav.programmes',
    canActivate: [accessGuard({ permission: 'programme.create' })],
    data: { titleKey: 'nav.programmes', leadKey: 'pages.admin.programmes' },
    loadComponent: () => import('./admin-placeholder.page').then((m) => m.AdminPlaceholderPage),
  },
  {
    path: 'enterprises',
    title: 'nav.enterprises',
    canActivate: [accessGuard({ permission: 'enterprise.create' })],
    data: { titleKey: 'nav.enterprises', leadKey: 'pages.admin.enterprises' },
    loadComponent: () => import('./admin-placeholder.page').then((m) => m.AdminPlaceholderPage),
  },
  {
    path: 'audit',
    title: 'nav.audit',
    canActivate: [accessGuard({ permission: 'audit.read' })],
    data: { titleKey: 'nav.audit', leadKey: 'pages.admin.audit' },
    loadComponent: () => import('./admin-placeholder.page').then((m) => m.AdminPlaceholderPage),
  },
];
