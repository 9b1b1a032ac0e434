import { Routes } from '@angular/router';
import { accessGuard } from '../../../core/auth/auth.guards';
import { GroupSeriesStore } from './group-series.store';

// "Gruppserier" (coaches): one lazy chunk for the list and a series' page, sharing the programme
// chosen and the participants read.
export const GROUP_SERIES_ROUTES: Routes = [
  {
    path: '',
    providers: [GroupSeriesStore],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'groupSeries.title',
        canActivate: [accessGuard({ permission: 'groupSeries.list' })],
        loadComponent: () => import('./series-list.page').then((m) => m.SeriesListPage),
      },
      {
        path: ':id',
        title: 'groupSeries.seriesTitle',
        canActivate: [accessGuard({ permission: 'groupSeries.read' })],
        loadComponent: () => import('./series.page').then((m) => m.SeriesPage),
      },
    ],
  },
];
