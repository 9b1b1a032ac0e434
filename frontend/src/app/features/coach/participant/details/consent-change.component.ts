import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Participant } from '@stegvis/contracts';
import {
  type ConsentChangeData,
  ConsentChangeDialogComponent,
  type ConsentChangeKind,
} from './consent-change-dialog.component';

/** Withdraw consent, or mark a protected identity: both reduce the record, after a confirmation. */
@Component({
  selector: 'sv-consent-change',
  imports: [MatButtonModule, TranslocoPipe],
  template: `
    <section class="sv-consent-change" aria-labelledby="consent-change-title">
      <h2 id="consent-change-title" class="sv-section-title">
        {{ 'consentChange.title' | transloco }}
      </h2>
      <p class="sv-muted">{{ 'consentChange.lead' | transloco }}</p>
      <div class="sv-actions">
        <button
          mat-stroked-button
          type="button"
          (click)="open('withdraw')"
          data-testid="consent-withdraw"
        >
          {{ 'consentChange.withdraw.open' | transloco }}
        </button>
        <button
          mat-stroked-button
          type="button"
          (click)="open('protect')"
          data-testid="consent-protect"
        >
          {{ 'consentChange.protect.open' | transloco }}
        </button>
      </div>
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConsentChangeComponent {
  private readonly dialog = inject(MatDialog);

  readonly participant = input.required<Participant>();
  /** The reduced record, once the server made the change. */
  readonly reduced = output<Participant>();

  protected open(kind: ConsentChangeKind): void {
    const ref = this.dialog.open<ConsentChangeDialogComponent, ConsentChangeData, Participant>(
      ConsentChangeDialogComponent,
      {
        data: { kind, participant: this.participant() },
        maxWidth: 'min(560px, calc(100vw - 32px))',
        autoFocus: 'first-heading',
      },
    );
    ref.afterClosed().subscribe((saved) => {
      if (saved) this.reduced.emit(saved);
    });
  }
}
