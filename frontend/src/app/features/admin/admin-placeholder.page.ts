import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { EmptyStateComponent } from '../../shared/empty-state.component';

/** Stand-in for an admin page that is not built yet; title and text come from the route data. */
@Component({
  selector: 'sv-admin-placeholder',
  imports: [TranslocoPipe, EmptyStateComponent],
  template: `
    <h1 class="sv-page-title" data-testid="page-title" tabindex="-1">
      {{ titleKey() | transloco }}
    </h1>
    <p class="sv-page-lead">{{ leadKey() | transloco }}</p>
    <sv-empty-state [text]="'pages.placeholder.soon' | transloco" />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminPlaceholderPage {
  // Bound from route data (withComponentInputBinding).
  readonly titleKey = input.required<string>();
  readonly leadKey = input.required<string>();
}
