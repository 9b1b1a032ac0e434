import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ApiError, DueFollowUp, SupervisedParticipant } from '@stegvis/contracts';
import { CaseRecordsApi } from '../../core/api/case-records.api';
import { AuthService } from '../../core/auth/auth.service';
import { toApiError } from '../../core/http/api-error';
import { LanguageService } from '../../core/i18n/language.service';
import { SvDatePipe } from '../../shared/date.pipe';
import { todayIso } from '../../shared/dates';
import { SupervisorAgreementsComponent } from './supervisor-agreements.component';
import { SupervisorEnterpriseComponent } from './supervisor-enterprise.component';

/** Due and overdue follow-ups first (what the supervisor came to do), then their participants. */
@Component({
  selector: 'sv-supervisor-home',
  imports: [
    RouterLink,
    MatButtonModule,
    TranslocoPipe,
    SvDatePipe,
    SupervisorAgreementsComponent,
    SupervisorEnterpriseComponent,
  ],
  templateUrl: './supervisor-home.page.html',
  styleUrl: './supervisor-home.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SupervisorHomePage {
  private readonly api = inject(CaseRecordsApi);
  protected readonly auth = inject(AuthService);
  protected readonly lang = inject(LanguageService).active;
  protected readonly today = todayIso();

  protected readonly due = signal<DueFollowUp[] | null>(null);
  protected readonly participants = signal<SupervisedParticipant[] | null>(null);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly error = signal<ApiError | null>(null);
  /** Back from the follow-up form after the server accepted it. */
  protected readonly justSaved = signal(
    (inject(Router).currentNavigation()?.extras.state as { followUpSaved?: boolean } | undefined)
      ?.followUpSaved === true,
  );

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.error.set(null);
    try {
      const [due, page] = await Promise.all([this.api.dueFollowUps(), this.api.listSupervised()]);
      this.due.set(due);
      this.participants.set(page.items);
      this.nextCursor.set(page.nextCursor);
    } catch (caught) {
      this.error.set(toApiError(caught));
    }
  }

  protected async more(): Promise<void> {
    const page = await this.api.listSupervised(this.nextCursor() ?? undefined);
    this.participants.update((list) => [...(list ?? []), ...page.items]);
    this.nextCursor.set(page.nextCursor);
  }

  protected name(p: { firstName: string | null; lastName: string | null }): string {
    return [p.firstName, p.lastName].filter(Boolean).join(' ');
  }
}
