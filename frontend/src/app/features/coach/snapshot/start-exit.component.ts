import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ApiError, ExitReason, Participant } from '@stegvis/contracts';
import { AuthService } from '../../../core/auth/auth.service';
import { toApiError } from '../../../core/http/api-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { SvDatePipe } from '../../../shared/date.pipe';
import { applyServerErrors } from '../../../shared/server-errors';
import { ParticipationApi } from './participation.api';
import { SnapshotFieldsComponent } from './snapshot-fields.component';
import { type SnapshotForm, isEmptySnapshot, snapshotForm, snapshotOf } from './snapshot-form';
import { SnapshotSummaryComponent } from './snapshot-summary.component';

type Editing = 'start' | 'exit' | null;

/** The "Start och avslut" tab: the start and exit snapshots side by side, each editable. */
@Component({
  selector: 'sv-start-exit',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    TranslocoPipe,
    SvDatePipe,
    SnapshotFieldsComponent,
    SnapshotSummaryComponent,
  ],
  template: `
    <div role="status" data-testid="start-exit-message">
      @if (message(); as m) {
        <p class="sv-alert" [class.sv-alert--success]="m.ok">
          {{ m.key | transloco }} {{ m.text }}
        </p>
      }
    </div>
    <div class="sv-start-exit">
      <section class="sv-card" aria-labelledby="start-title" data-testid="start-section">
        <div class="sv-card-head">
          <h2 class="sv-card-title" id="start-title">{{ 'snapshot.startTitle' | transloco }}</h2>
          @if (canEdit() && editing() !== 'start') {
            <button
              mat-stroked-button
              type="button"
              (click)="edit('start')"
              data-testid="start-edit"
            >
              {{ 'snapshot.edit' | transloco }}
            </button>
          }
        </div>
        @if (participant().enrolledAt; as day) {
          <p class="sv-muted">
            {{ 'snapshot.enrolled' | transloco: { date: day | svDate: lang() } }}
          </p>
        }
        @if (editing() === 'start' && form(); as f) {
          <form [formGroup]="f" (ngSubmit)="save()" novalidate data-testid="start-form">
            <sv-snapshot-fields [form]="f" idPrefix="start-edit" />
            <div class="sv-actions">
              <button mat-flat-button type="submit" [disabled]="saving()" data-testid="start-save">
                {{ (saving() ? 'form.saving' : 'snapshot.save') | transloco }}
              </button>
              <button mat-button type="button" (click)="cancel()">
                {{ 'form.cancel' | transloco }}
              </button>
            </div>
          </form>
        } @else {
          <sv-snapshot-summary
            [snapshot]="participant().startSnapshot"
            testId="start-snapshot"
            emptyKey="snapshot.noStart"
          />
        }
      </section>

      <section class="sv-card" aria-labelledby="exit-title" data-testid="exit-section">
        <div class="sv-card-head">
          <h2 class="sv-card-title" id="exit-title">{{ 'snapshot.exitTitle' | transloco }}</h2>
          @if (exited() && canEdit() && editing() !== 'exit') {
            <button mat-stroked-button type="button" (click)="edit('exit')" data-testid="exit-edit">
              {{ 'snapshot.edit' | transloco }}
            </button>
          }
        </div>
        @if (exited()) {
          <dl class="sv-facts" data-testid="exit-facts">
            <div>
              <dt>{{ 'exit.date' | transloco }}</dt>
              <dd>{{ participant().exitedAt | svDate: lang() }}</dd>
            </div>
            <div>
              <dt>{{ 'exit.reason' | transloco }}</dt>
              <dd>
                @if (participant().exitReason; as r) {
                  {{ 'exitReason.' + r | transloco }}
                }
              </dd>
            </div>
          </dl>
          @if (editing() === 'exit' && form(); as f) {
            <form [formGroup]="f" (ngSubmit)="save()" novalidate data-testid="exit-snapshot-form">
              <sv-snapshot-fields [form]="f" idPrefix="exit-edit" [showTimeInSupport]="false" />
              <div class="sv-actions">
                <button mat-flat-button type="submit" [disabled]="saving()" data-testid="exit-save">
                  {{ (saving() ? 'form.saving' : 'snapshot.save') | transloco }}
                </button>
                <button mat-button type="button" (click)="cancel()">
                  {{ 'form.cancel' | transloco }}
                </button>
              </div>
            </form>
          } @else {
            <sv-snapshot-summary
              [snapshot]="participant().exitSnapshot"
              [showTimeInSupport]="false"
              testId="exit-snapshot"
              emptyKey="snapshot.noExit"
            />
          }
          @if (canReopen()) {
            <p>
              <a
                mat-stroked-button
                [routerLink]="['/coach/participants', participant().id, 'exit']"
                data-testid="reopen-link"
                >{{ 'exit.reopenTitle' | transloco }}</a
              >
            </p>
          }
        } @else {
          <p class="sv-muted" data-testid="exit-ongoing">{{ 'snapshot.ongoing' | transloco }}</p>
          @if (canEdit()) {
            <p>
              <a
                mat-stroked-button
                [routerLink]="['/coach/participants', participant().id, 'exit']"
                data-testid="exit-link-tab"
                >{{ 'exit.title' | transloco }}</a
              >
            </p>
          }
        }
      </section>
    </div>
  `,
  styles: `
    .sv-start-exit {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr));
      gap: 16px;
      align-items: start;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StartExitComponent {
  private readonly api = inject(ParticipationApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly auth = inject(AuthService);
  protected readonly lang = inject(LanguageService).active;

  readonly participant = input.required<Participant>();
  /** Saved: the page reloads the participant (header, timeline). */
  readonly changed = output<void>();

  protected readonly editing = signal<Editing>(null);
  protected readonly form = signal<SnapshotForm | null>(null);
  protected readonly saving = signal(false);
  protected readonly message = signal<{ key: string; text: string; ok: boolean } | null>(null);
  /** After a 409 the next save goes with the server's version; what was chosen stays. */
  private version: number | null = null;

  protected readonly exited = computed(() => this.participant().status === 'exited');
  protected readonly canEdit = computed(
    () => this.auth.can('participant.update') && !this.participant().reduced,
  );
  protected readonly canReopen = computed(() => this.auth.can('participant.reopen'));

  protected edit(which: Exclude<Editing, null>): void {
    const p = this.participant();
    this.message.set(null);
    this.version = null;
    this.form.set(snapshotForm(this.fb, which === 'start' ? p.startSnapshot : p.exitSnapshot));
    this.editing.set(which);
  }

  protected cancel(): void {
    this.editing.set(null);
    this.form.set(null);
  }

  protected async save(): Promise<void> {
    const f = this.form();
    const which = this.editing();
    if (!f || !which || this.saving()) return;
    f.markAllAsTouched();
    if (f.invalid) {
      this.message.set({ key: 'form.fixErrors', text: '', ok: false });
      return;
    }
    const p = this.participant();
    const version = this.version ?? p.version;
    const snapshot = snapshotOf(f);
    this.saving.set(true);
    this.message.set(null);
    try {
      if (which === 'start') {
        await this.api.saveStartSnapshot(
          p.id,
          isEmptySnapshot(snapshot) ? null : snapshot,
          version,
        );
      } else {
        snapshot.timeInSupport = p.startSnapshot?.timeInSupport ?? null;
        await this.api.exit(
          p.id,
          { date: p.exitedAt ?? '', reason: p.exitReason as ExitReason, snapshot },
          version,
        );
      }
      this.editing.set(null);
      this.form.set(null);
      this.message.set({ key: 'snapshot.saved', text: '', ok: true });
      this.changed.emit();
    } catch (caught) {
      const e = toApiError(caught);
      if (e.statusCode === 409) {
        const current = (e as ApiError & { current?: Participant }).current;
        this.version = current?.version ?? null;
        this.message.set({ key: 'snapshot.conflict', text: '', ok: false });
        return;
      }
      const prefix = which === 'start' ? 'startSnapshot.' : 'exit.snapshot.';
      const aliases: Record<string, string> = {};
      for (const path of Object.keys(e.fields ?? {})) {
        if (path.startsWith(prefix)) aliases[path] = path.slice(prefix.length).split('.')[0];
      }
      const rest = applyServerErrors(f, e, aliases);
      this.message.set({
        key: e.statusCode === 0 ? 'errors.network' : e.fields ? 'form.fixErrors' : 'errors.save',
        text: rest.join(' ') || (e.fields ? '' : e.message),
        ok: false,
      });
    } finally {
      this.saving.set(false);
    }
  }
}
