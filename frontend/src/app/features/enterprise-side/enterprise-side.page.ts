import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { EnterpriseSideStore } from './enterprise-side.store';

/** "Sociala företag": the programme's enterprise-side records, one tab each. */
@Component({
  selector: 'sv-enterprise-side-page',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
  ],
  template: `
    <h1 class="sv-page-title" data-testid="page-title" tabindex="-1">
      {{ 'enterpriseSide.title' | transloco }}
    </h1>
    <p class="sv-page-lead">{{ 'enterpriseSide.lead' | transloco }}</p>

    @if (store.loadFailed()) {
      <p class="sv-alert" role="alert">
        {{ 'errors.load' | transloco }}
        <button mat-stroked-button type="button" (click)="store.load()">
          {{ 'common.retry' | transloco }}
        </button>
      </p>
    }
    @if (store.programmes(); as list) {
      @if (list.length > 1) {
        <mat-form-field appearance="outline" class="sv-es-programme">
          <mat-label>{{ 'enterpriseSide.programme' | transloco }}</mat-label>
          <select
            matNativeControl
            [value]="store.programmeId()"
            (change)="choose($event)"
            data-testid="es-programme"
          >
            @for (p of list; track p.id) {
              <option [value]="p.id" [selected]="p.id === store.programmeId()">{{ p.name }}</option>
            }
          </select>
        </mat-form-field>
      } @else if (list.length === 1) {
        <p class="sv-muted" data-testid="es-programme-name">
          {{ 'enterpriseSide.programme' | transloco }}: {{ list[0].name }}
        </p>
      } @else {
        <p class="sv-alert" role="status">{{ 'enterpriseSide.noProgramme' | transloco }}</p>
      }
    }

    <nav class="sv-es-tabs" [attr.aria-label]="'enterpriseSide.tabsLabel' | transloco">
      <ul>
        @for (tab of tabs; track tab.path) {
          <li>
            <a
              [routerLink]="tab.path"
              routerLinkActive="sv-es-tabs__link--active"
              ariaCurrentWhenActive="page"
              class="sv-es-tabs__link"
              [attr.data-testid]="'es-tab-' + tab.path"
              >{{ tab.labelKey | transloco }}</a
            >
          </li>
        }
      </ul>
    </nav>
    <router-outlet />
  `,
  styles: `
    .sv-es-programme {
      width: min(28rem, 100%);
    }
    .sv-es-tabs ul {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 8px;
      margin: 8px 0 16px;
      padding: 0;
      list-style: none;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .sv-es-tabs__link {
      display: inline-flex;
      align-items: center;
      min-height: 44px;
      padding: 0 12px;
      color: var(--mat-sys-on-surface);
      text-decoration: none;
      border-bottom: 3px solid transparent;
    }
    .sv-es-tabs__link:hover {
      text-decoration: underline;
    }
    .sv-es-tabs__link--active {
      font-weight: 600;
      color: var(--mat-sys-primary);
      border-bottom-color: var(--mat-sys-primary);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EnterpriseSidePage {
  protected readonly store = inject(EnterpriseSideStore);
  protected readonly tabs = [
    { path: 'events', labelKey: 'enterpriseSide.tabs.events' },
    { path: 'agreements', labelKey: 'enterpriseSide.tabs.agreements' },
    { path: 'started', labelKey: 'enterpriseSide.tabs.started' },
    { path: 'advice', labelKey: 'enterpriseSide.tabs.advice' },
  ];

  protected choose(event: Event): void {
    this.store.programmeId.set((event.target as HTMLSelectElement).value);
  }
}
