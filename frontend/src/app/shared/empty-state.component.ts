import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** An honest "nothing here yet" panel: says what the page will show, shows no made-up data. */
@Component({
  selector: 'sv-empty-state',
  template: `<p class="sv-empty-state" role="status">{{ text() }}</p>`,
  styles: `
    .sv-empty-state {
      margin: 24px 0 0;
      padding: 24px;
      border: 1px dashed var(--mat-sys-outline);
      border-radius: 12px;
      background: var(--mat-sys-surface-container-low);
      color: var(--mat-sys-on-surface-variant);
      max-width: 70ch;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmptyStateComponent {
  readonly text = input.required<string>();
}
