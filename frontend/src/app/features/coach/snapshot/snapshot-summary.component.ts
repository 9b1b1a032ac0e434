import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Snapshot } from '@stegvis/contracts';

/** A snapshot as read-only facts; "not recorded" where a value is missing. */
@Component({
  selector: 'sv-snapshot-summary',
  imports: [TranslocoPipe],
  template: `
    @if (snapshot(); as s) {
      <dl class="sv-facts sv-snapshot-summary" [attr.data-testid]="testId()">
        <div>
          <dt>{{ 'snapshot.incomeSources' | transloco }}</dt>
          <dd>
            @if (s.incomeSources.length) {
              <ul class="sv-plain-list">
                @for (code of s.incomeSources; track code) {
                  <li>{{ 'incomeSource.' + code | transloco }}</li>
                }
              </ul>
            } @else {
              <span class="sv-muted">{{ 'snapshot.notRecorded' | transloco }}</span>
            }
          </dd>
        </div>
        @if (showTimeInSupport()) {
          <div>
            <dt>{{ 'snapshot.timeInSupportLong' | transloco }}</dt>
            <dd>
              @if (s.timeInSupport) {
                {{ 'timeInSupport.' + s.timeInSupport | transloco }}
              } @else {
                <span class="sv-muted">{{ 'snapshot.notRecorded' | transloco }}</span>
              }
            </dd>
          </div>
        }
        <div>
          <dt>{{ 'snapshot.occupation' | transloco }}</dt>
          <dd>
            @if (s.occupation) {
              {{ 'occupation.' + s.occupation | transloco }}
              @if (s.occupationPercent !== null) {
                ({{ 'snapshot.percentOfFullTime' | transloco: { percent: s.occupationPercent } }})
              }
            } @else {
              <span class="sv-muted">{{ 'snapshot.notRecorded' | transloco }}</span>
            }
          </dd>
        </div>
      </dl>
    } @else {
      <p class="sv-muted" [attr.data-testid]="testId()">{{ emptyKey() | transloco }}</p>
    }
  `,
  styles: `
    .sv-snapshot-summary {
      grid-template-columns: 1fr;
    }
    .sv-snapshot-summary dd {
      overflow-wrap: anywhere;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SnapshotSummaryComponent {
  readonly snapshot = input<Snapshot | null>(null);
  readonly showTimeInSupport = input(true);
  readonly emptyKey = input('snapshot.none');
  readonly testId = input('snapshot-summary');
}
