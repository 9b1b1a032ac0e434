import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { isFullParticipant, type ApiError, type Participant } from '@stegvis/contracts';
import { CaseRecordsApi } from '../../../core/api/case-records.api';
import { AuthService } from '../../../core/auth/auth.service';
import { OTHER_VIEW, toApiError } from '../../../core/http/api-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { SvDatePipe, SvMonthPipe } from '../../../shared/date.pipe';
import { displayName } from '../../../shared/participant-name';
import { StartExitComponent } from '../snapshot/start-exit.component';
import { CheckInComponent } from './check-in.component';
import { ConsentChangeComponent } from './details/consent-change.component';
import { DataSubjectComponent } from './details/data-subject.component';
import { ParticipantDetailsComponent } from './details/participant-details.component';
import { LogSessionComponent } from './log-session.component';
import { PlacementsComponent } from './placements.component';
import { PlanEditorComponent } from './plan-editor.component';
import { TimelineComponent } from './timeline.component';

@Component({
  selector: 'sv-participant-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatTabsModule,
    TranslocoPipe,
    SvDatePipe,
    SvMonthPipe,
    TimelineComponent,
    PlanEditorComponent,
    LogSessionComponent,
    PlacementsComponent,
    CheckInComponent,
    ParticipantDetailsComponent,
    ConsentChangeComponent,
    DataSubjectComponent,
    StartExitComponent,
  ],
  templateUrl: './participant.page.html',
  styleUrl: './participant.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ParticipantPage {
  private readonly api = inject(CaseRecordsApi);
  protected readonly auth = inject(AuthService);
  protected readonly lang = inject(LanguageService).active;

  /** Route parameter (withComponentInputBinding). */
  readonly id = input.required<string>();
  /** `?tab=plan` etc. opens that tab. */
  readonly tab = input<string>();

  protected readonly participant = signal<Participant | null>(null);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly refresh = signal(0);
  protected readonly name = computed(() => {
    const p = this.participant();
    return p ? displayName(p) : null;
  });
  protected readonly tabs = [
    'timeline',
    'details',
    'plan',
    'sessions',
    'placements',
    'progression',
    'startExit',
  ] as const;
  protected readonly selectedTab = computed(() =>
    Math.max(0, this.tabs.indexOf((this.tab() ?? 'timeline') as (typeof this.tabs)[number])),
  );

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
  }

  protected async load(id = this.id()): Promise<void> {
    this.error.set(null);
    try {
      const answer = await this.api.getParticipant(id);
      if (isFullParticipant(answer)) this.participant.set(answer);
      else this.error.set(OTHER_VIEW);
    } catch (caught) {
      this.error.set(toApiError(caught));
    }
  }

  /** Something was saved: the header (next step, overdue) and the timeline show it at once. */
  protected changed(): void {
    this.refresh.update((n) => n + 1);
    void this.load();
  }

  protected coachLabel(p: Participant): string {
    if (!p.responsibleCoachId) return 'participant.noCoach';
    return p.responsibleCoachId === this.auth.user()?.id
      ? 'participant.coachYou'
      : 'participant.coachOther';
  }
}
