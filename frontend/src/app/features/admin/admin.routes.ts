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
    loadComponent: () => import('./admin-users.page').then((m) => m.AdminUsersPage),
  },
  {
    path: 'programmes',
    title: 'nav.programmes',
    canActivate: [accessGuard({ permission: 'programme.create' })],
    loadComponent: () => import('./admin-programmes.page').then((m) => m.AdminProgrammesPage),
  },
  {
    path: 'enterprises',
    title: 'nav.enterprises',
    canActivate: [accessGuard({ permission: 'enterprise.create' })],
    loadComponent: () => import('./admin-enterprises.page').then((m) => m.AdminEnterprisesPage),
  },
  {
    path: 'audit',
    title: 'nav.audit',
    canActivate: [accessGuard({ permission: 'audit.read' })],
    loadComponent: () => import('./admin-audit.page').then((m) => m.AdminAuditPage),
  },
  {
    path: 'audit/extract',
    title: 'auditLog.extract.pageTitle',
    canActivate: [accessGuard({ permission: 'audit.read' })],
    loadComponent: () => import('./admin-audit-extract.page').then((m) => m.AdminAuditExtractPage),
  },
];
