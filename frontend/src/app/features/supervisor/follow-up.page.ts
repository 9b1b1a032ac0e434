import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { SupervisedParticipant, SupervisedPlacement } from '@stegvis/contracts';
import { CaseRecordsApi } from '../../core/api/case-records.api';
import { LanguageService } from '../../core/i18n/language.service';
import { SvDatePipe } from '../../shared/date.pipe';
import { todayIso } from '../../shared/dates';
import { FollowUpFormComponent } from '../follow-ups/follow-up-form.component';

@Component({
  selector: 'sv-follow-up-page',
  imports: [RouterLink, MatButtonModule, TranslocoPipe, SvDatePipe, FollowUpFormComponent],
  template: `
    <a routerLink="/supervisor" class="sv-back">← {{ 'pages.supervisor.title' | transloco }}</a>
    <h1 class="sv-page-title" data-testid="page-title" tabindex="-1">
      {{ 'followUp.title' | transloco }}
    </h1>
    @if (who(); as w) {
      <p class="sv-page-lead sv-follow-up-who" data-testid="follow-up-who">
        <strong>{{ w.name }}</strong> · {{ 'placementKind.' + w.placement.kind | transloco }}
        @if (w.placement.nextFollowUpDue; as due) {
          ·
          {{ (due < today ? 'supervisor.overdueSince' : 'supervisor.dueOn') | transloco }}
          {{ due | svDate: lang() }}
        }
      </p>
    }
    <sv-follow-up-form [placementId]="placementId()" (saved)="done()" />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FollowUpPage {
  private readonly api = inject(CaseRecordsApi);
  private readonly router = inject(Router);
  protected readonly lang = inject(LanguageService).active;
  /** A due day before today is overdue: the heading says so rather than "due on". */
  protected readonly today = todayIso();

  readonly placementId = input.required<string>();
  protected readonly who = signal<{ name: string; placement: SupervisedPlacement } | null>(null);

  constructor() {
    effect(() => {
      const id = this.placementId();
      untracked(() => void this.findWho(id));
    });
  }

  private async findWho(placementId: string): Promise<void> {
    try {
      const page = await this.api.listSupervised();
      const hit = page.items
        .map((p: SupervisedParticipant) => ({
          p,
          pl: p.placements.find((x) => x.id === placementId),
        }))
        .find((x) => x.pl);
      if (hit?.pl) {
        this.who.set({
          name: [hit.p.firstName, hit.p.lastName].filter(Boolean).join(' '),
          placement: hit.pl,
        });
      }
    } catch {
      // The form works without the name; the draft is what matters.
    }
  }

  protected async done(): Promise<void> {
    await this.router.navigate(['/supervisor'], { state: { followUpSaved: true } });
  }
}
