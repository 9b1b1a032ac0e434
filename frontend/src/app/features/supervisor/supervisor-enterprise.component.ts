import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Enterprise, EnterpriseCapacity } from '@stegvis/contracts';
import { EnterprisesApi } from '../../core/api/enterprises.api';
import { AuthService } from '../../core/auth/auth.service';
import { todayIso } from '../../shared/dates';

/**
 * The supervisor's own enterprise as the programme has it, read-only: sector, and the
 * work-training places offered and in use today (counts only).
 */
@Component({
  selector: 'sv-supervisor-enterprise',
  imports: [MatButtonModule, TranslocoPipe],
  template: `
    @if (failed()) {
      <p class="sv-alert" role="alert">
        {{ 'errors.load' | transloco }}
        <button mat-button type="button" (click)="load()">
          {{ 'common.retry' | transloco }}
        </button>
      </p>
    } @else if (profile(); as p) {
      <section
        class="sv-card sv-sup-enterprise"
        aria-labelledby="sup-enterprise-title"
        data-testid="supervisor-enterprise"
      >
        <h2 class="sv-card-title" id="sup-enterprise-title">
          {{ 'enterpriseProfile.card.title' | transloco }}: {{ p.enterprise.name }}
        </h2>
        <p class="sv-muted sv-sup-enterprise__note">
          {{ 'enterpriseProfile.card.note' | transloco }}
        </p>
        <dl class="sv-facts">
          <div>
            <dt>{{ 'enterpriseProfile.card.sector' | transloco }}</dt>
            <dd data-testid="supervisor-enterprise-sector">
              {{ p.enterprise.sector ?? ('enterpriseProfile.card.noSector' | transloco) }}
            </dd>
          </div>
          <div>
            <dt>{{ 'enterpriseProfile.card.offered' | transloco }}</dt>
            <dd data-testid="supervisor-enterprise-offered">
              @if (p.capacity && p.capacity.placesOffered !== null) {
                {{ p.capacity.placesOffered }}
              } @else {
                {{ 'enterpriseProfile.card.noOffer' | transloco }}
              }
            </dd>
          </div>
          <div>
            <dt>{{ 'enterpriseProfile.card.inUse' | transloco }}</dt>
            <dd data-testid="supervisor-enterprise-in-use">{{ p.capacity?.placesInUse ?? 0 }}</dd>
          </div>
          @if (p.enterprise.isAsf) {
            <div>
              <dt>{{ 'enterpriseProfile.card.asf' | transloco }}</dt>
              <dd>{{ 'common.yes' | transloco }}</dd>
            </div>
          }
        </dl>
      </section>
    }
  `,
  styles: `
    .sv-sup-enterprise {
      margin: 16px 0;
    }
    .sv-sup-enterprise__note {
      max-width: 70ch;
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SupervisorEnterpriseComponent {
  private readonly api = inject(EnterprisesApi);
  private readonly auth = inject(AuthService);
  protected readonly profile = signal<{
    enterprise: Enterprise;
    capacity: EnterpriseCapacity | undefined;
  } | null>(null);
  protected readonly failed = signal(false);

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    const enterpriseId = (await this.auth.restore())?.enterpriseId;
    if (!enterpriseId) return;
    this.failed.set(false);
    try {
      const [enterprise, capacity] = await Promise.all([
        this.api.enterprise(enterpriseId),
        this.api.capacity(todayIso()),
      ]);
      this.profile.set({ enterprise, capacity: capacity.find((c) => c.id === enterpriseId) });
    } catch {
      this.failed.set(true);
    }
  }
}
