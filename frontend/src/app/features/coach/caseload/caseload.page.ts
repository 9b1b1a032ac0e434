import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { PARTICIPANT_STATUSES, type ParticipantStatus } from '@stegvis/contracts';
import { AuthService } from '../../../core/auth/auth.service';
import { LanguageService } from '../../../core/i18n/language.service';
import { SvDatePipe } from '../../../shared/date.pipe';
import { displayName } from '../../../shared/participant-name';
import { CaseloadStore } from './caseload.store';

@Component({
  selector: 'sv-caseload',
  imports: [
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
    SvDatePipe,
  ],
  providers: [CaseloadStore],
  templateUrl: './caseload.page.html',
  styleUrl: './caseload.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CaseloadPage {
  protected readonly store = inject(CaseloadStore);
  protected readonly auth = inject(AuthService);
  protected readonly lang = inject(LanguageService).active;
  protected readonly statuses = PARTICIPANT_STATUSES;
  protected readonly displayName = displayName;
  /** Back from the participant page after an erasure (details/data-subject.component.ts). */
  protected readonly justErased = signal(
    (
      inject(Router).currentNavigation()?.extras.state as
        { participantErased?: boolean } | undefined
    )?.participantErased === true,
  );

  constructor() {
    void this.store.reload();
    inject(DestroyRef).onDestroy(() => this.store.destroy());
  }

  protected onSearch(event: Event): void {
    this.store.setSearch((event.target as HTMLInputElement).value);
  }

  protected onStatus(event: Event): void {
    this.store.setStatus((event.target as HTMLSelectElement).value as ParticipantStatus | '');
  }
}
