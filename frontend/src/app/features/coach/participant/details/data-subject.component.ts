import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Participant, ParticipantExport } from '@stegvis/contracts';
import { CaseRecordsApi } from '../../../../core/api/case-records.api';
import { AuthService } from '../../../../core/auth/auth.service';
import { toApiError } from '../../../../core/http/api-error';
import { todayIso } from '../../../../shared/dates';
import {
  type DataSubjectDialogData,
  DataSubjectDialogComponent,
} from './data-subject-dialog.component';

/** What the downloaded export holds, in counts a coach can read out to the data subject. */
export interface ExportSummary {
  fileName: string;
  planSteps: number;
  planRevisions: number;
  sessions: number;
  placements: number;
  followUps: number;
  checkIns: number;
}

export function summaryOf(data: ParticipantExport, fileName: string): ExportSummary {
  return {
    fileName,
    planSteps: data.actionPlan?.steps.length ?? 0,
    planRevisions: data.actionPlan?.revisions.length ?? 0,
    sessions: data.sessions.length,
    placements: data.placements.length,
    followUps: data.placements.reduce((n, p) => n + p.followUps.length, 0),
    checkIns: data.checkIns.length,
  };
}

/** The data subject's rights: an export of everything held (art. 15) and erasure (art. 17). */
@Component({
  selector: 'sv-data-subject',
  imports: [MatButtonModule, TranslocoPipe],
  template: `
    <section class="sv-data-subject" aria-labelledby="data-subject-title">
      <h2 id="data-subject-title" class="sv-section-title">
        {{ 'dataSubject.title' | transloco }}
      </h2>
      <p class="sv-muted">{{ 'dataSubject.lead' | transloco }}</p>
      <div class="sv-actions">
        @if (auth.can('participant.export')) {
          <button
            mat-stroked-button
            type="button"
            (click)="exportFile()"
            [disabled]="busy()"
            data-testid="export-open"
          >
            {{ 'dataSubject.export.open' | transloco }}
          </button>
        }
        @if (auth.can('participant.erase')) {
          <button
            mat-stroked-button
            type="button"
            (click)="erase()"
            [disabled]="busy()"
            data-testid="erase-open"
          >
            {{ 'dataSubject.erase.open' | transloco }}
          </button>
        }
      </div>
      <div role="status" aria-live="polite">
        @if (summary(); as s) {
          <div class="sv-alert sv-alert--info sv-export-summary" data-testid="export-summary">
            <p>{{ 'dataSubject.export.done' | transloco: { file: s.fileName } }}</p>
            <ul>
              <li>
                {{ 'dataSubject.export.count.planSteps' | transloco: { count: s.planSteps } }}
              </li>
              <li>
                {{
                  'dataSubject.export.count.planRevisions' | transloco: { count: s.planRevisions }
                }}
              </li>
              <li>{{ 'dataSubject.export.count.sessions' | transloco: { count: s.sessions } }}</li>
              <li>
                {{ 'dataSubject.export.count.placements' | transloco: { count: s.placements } }}
              </li>
              <li>
                {{ 'dataSubject.export.count.followUps' | transloco: { count: s.followUps } }}
              </li>
              <li>{{ 'dataSubject.export.count.checkIns' | transloco: { count: s.checkIns } }}</li>
            </ul>
          </div>
        }
      </div>
      <div role="alert">
        @if (error(); as e) {
          <p class="sv-alert">{{ e | transloco }}</p>
        }
      </div>
    </section>
  `,
  styles: `
    .sv-export-summary {
      display: block;
    }
    .sv-export-summary p {
      margin: 0 0 4px;
    }
    .sv-export-summary ul {
      margin: 0;
      padding-left: 20px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DataSubjectComponent {
  private readonly api = inject(CaseRecordsApi);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  protected readonly auth = inject(AuthService);

  readonly participant = input.required<Participant>();

  protected readonly busy = signal(false);
  protected readonly summary = signal<ExportSummary | null>(null);
  protected readonly error = signal<string | null>(null);

  private confirm(kind: DataSubjectDialogData['kind']) {
    return this.dialog
      .open<DataSubjectDialogComponent, DataSubjectDialogData, boolean>(
        DataSubjectDialogComponent,
        {
          data: { kind, participantId: this.participant().id },
          maxWidth: 'min(560px, calc(100vw - 32px))',
          autoFocus: 'first-heading',
        },
      )
      .afterClosed();
  }

  protected exportFile(): void {
    this.confirm('export').subscribe((ok) => {
      if (ok) void this.download();
    });
  }

  private async download(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const data = await this.api.exportParticipant(this.participant().id);
      // No name in the file name: it may end up in a shared downloads folder or a mail subject.
      const fileName = `stegvis-registerutdrag-${this.participant().id.slice(0, 8)}-${todayIso()}.json`;
      const url = URL.createObjectURL(
        new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }),
      );
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      this.summary.set(summaryOf(data, fileName));
    } catch (caught) {
      this.error.set(toApiError(caught).statusCode === 0 ? 'errors.network' : 'errors.load');
    } finally {
      this.busy.set(false);
    }
  }

  protected erase(): void {
    this.confirm('erase').subscribe((done) => {
      if (done) void this.router.navigate(['/coach'], { state: { participantErased: true } });
    });
  }
}
