import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Agreement } from '@stegvis/contracts';
import { EnterpriseSideApi } from '../../core/api/enterprise-side.api';
import { AuthService } from '../../core/auth/auth.service';
import { LanguageService } from '../../core/i18n/language.service';
import { SvDatePipe } from '../../shared/date.pipe';

/** The supervisor's own enterprise's agreements, read-only (recorded by the programme's coaches). */
@Component({
  selector: 'sv-supervisor-agreements',
  imports: [MatButtonModule, TranslocoPipe, SvDatePipe],
  template: `
    <section aria-labelledby="agreements-title" data-testid="supervisor-agreements">
      <h2 class="sv-section-title" id="agreements-title">
        {{ 'enterpriseSide.agreements.supervisorTitle' | transloco }}
      </h2>
      <p class="sv-muted sv-sup-agreements__note">
        {{ 'enterpriseSide.agreements.supervisorNote' | transloco }}
      </p>
      @if (failed()) {
        <p class="sv-alert" role="alert">
          {{ 'errors.load' | transloco }}
          <button mat-button type="button" (click)="load()">
            {{ 'common.retry' | transloco }}
          </button>
        </p>
      } @else if (items(); as list) {
        <ul class="sv-cards" data-testid="supervisor-agreement-list">
          @for (a of list; track a.id) {
            <li class="sv-card" data-testid="supervisor-agreement">
              <div class="sv-card-head">
                <h3 class="sv-card-title">{{ a.counterparty }}</h3>
                <span class="sv-chip">{{ 'agreementStatus.' + a.status | transloco }}</span>
              </div>
              <p>{{ 'agreementKind.' + a.kind | transloco }}</p>
              <p class="sv-muted">
                @if (a.endDate) {
                  {{ a.startDate | svDate: lang() }} – {{ a.endDate | svDate: lang() }}
                } @else {
                  {{
                    'enterpriseSide.agreements.from'
                      | transloco: { date: (a.startDate | svDate: lang()) }
                  }}
                }
                ·
                {{
                  'enterpriseSide.agreements.placesValue'
                    | transloco: { count: a.workTrainingPlaces }
                }}
              </p>
            </li>
          } @empty {
            <li class="sv-muted">{{ 'enterpriseSide.agreements.supervisorNone' | transloco }}</li>
          }
        </ul>
      } @else {
        <p class="sv-muted" role="status">{{ 'app.loading' | transloco }}</p>
      }
    </section>
  `,
  styles: `
    .sv-sup-agreements__note {
      max-width: 70ch;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SupervisorAgreementsComponent {
  private readonly api = inject(EnterpriseSideApi);
  private readonly auth = inject(AuthService);
  protected readonly lang = inject(LanguageService).active;
  protected readonly items = signal<Agreement[] | null>(null);
  protected readonly failed = signal(false);

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    const enterpriseId = (await this.auth.restore())?.enterpriseId;
    if (!enterpriseId) {
      this.items.set([]);
      return;
    }
    this.failed.set(false);
    try {
      this.items.set(await this.api.agreementsOfEnterprise(enterpriseId));
    } catch {
      this.failed.set(true);
    }
  }
}
