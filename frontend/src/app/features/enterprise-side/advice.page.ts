import { ChangeDetectionStrategy, Component, effect, inject, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoPipe } from '@jsverse/transloco';
import { AdviceContactsComponent } from './advice-contacts.component';
import { AdviceSessionsComponent } from './advice-sessions.component';
import { AdviceStore } from './advice.store';
import { EnterpriseSideStore } from './enterprise-side.store';

/** "Rådgivning": the people advised, then the advice sessions they took part in. */
@Component({
  selector: 'sv-advice-page',
  imports: [MatButtonModule, TranslocoPipe, AdviceContactsComponent, AdviceSessionsComponent],
  providers: [AdviceStore],
  template: `
    <p class="sv-muted sv-es-intro">{{ 'enterpriseSide.advice.intro' | transloco }}</p>
    @if (advice.loadFailed()) {
      <p class="sv-alert" role="alert">
        {{ 'errors.load' | transloco }}
        <button mat-stroked-button type="button" (click)="advice.load()">
          {{ 'common.retry' | transloco }}
        </button>
      </p>
    }
    <sv-advice-contacts />
    <sv-advice-sessions />
  `,
  styleUrl: './enterprise-side.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdvicePage {
  protected readonly advice = inject(AdviceStore);
  private readonly section = inject(EnterpriseSideStore);

  constructor() {
    effect(() => {
      if (this.section.programmeId()) untracked(() => void this.advice.load());
    });
  }
}
