import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { EmptyStateComponent } from '../../shared/empty-state.component';

@Component({
  selector: 'sv-lead-home',
  imports: [TranslocoPipe, EmptyStateComponent],
  template: `
    <h1 class="sv-page-title" data-testid="page-title" tabindex="-1">
      {{ 'pages.lead.title' | transloco }}
    </h1>
    <p class="sv-page-lead">{{ 'pages.lead.lead' | transloco }}</p>
    <sv-empty-state [text]="'pages.lead.soon' | transloco" />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LeadHomePage {}
