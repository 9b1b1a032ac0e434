import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  CHECK_IN_OCCASIONS,
  LADDER_STEPS,
  type CheckIn,
  type CheckInOccasion,
  type Indicator,
  type Instrument,
  type Participant,
  type Progression,
  type Rater,
} from '@stegvis/contracts';
import { CaseRecordsApi } from '../../../core/api/case-records.api';
import { AuthService } from '../../../core/auth/auth.service';
import { toApiError } from '../../../core/http/api-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { SvDatePipe } from '../../../shared/date.pipe';
import { todayIso } from '../../../shared/dates';
import { ProgressionChartComponent, type ChartGroup } from './progression-chart.component';

/** Coaches record their own view or the participant's; supervisors only their own. */
export function ratersFor(role: string | null | undefined): Rater[] {
  return role === 'supervisor' ? ['supervisor'] : ['coach', 'participant'];
}

/** The label of a score: indicators may have fewer stages than points (1–10 with 5 stages). */
export function stageLabel(indicator: Indicator, score: number, lang: string): string {
  const stages = lang === 'en' ? indicator.stagesEn : indicator.stagesSv;
  if (!stages.length) return '';
  const points = indicator.max - indicator.min + 1;
  const per = Math.max(1, Math.round(points / stages.length));
  return stages[Math.min(stages.length - 1, Math.floor((score - indicator.min) / per))] ?? '';
}

@Component({
  selector: 'sv-check-in',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslocoPipe,
    SvDatePipe,
    ProgressionChartComponent,
  ],
  templateUrl: './check-in.component.html',
  styleUrl: './check-in.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CheckInComponent {
  private readonly api = inject(CaseRecordsApi);
  private readonly auth = inject(AuthService);
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('formEl');
  protected readonly lang = inject(LanguageService).active;

  readonly participant = input.required<Participant>();
  readonly saved = output<CheckIn>();

  protected readonly occasions = CHECK_IN_OCCASIONS;
  protected readonly ladderSteps = LADDER_STEPS;
  protected readonly raters = computed(() => ratersFor(this.auth.role()));
  protected readonly instrument = signal<Instrument | null>(null);
  protected readonly progression = signal<Progression | null>(null);
  protected readonly showForm = signal(false);

  protected readonly occasion = signal<CheckInOccasion>('during');
  protected readonly rater = signal<Rater>('coach');
  protected readonly date = signal(todayIso());
  protected readonly ladder = signal<string>('');
  protected readonly scores = signal<Record<string, number>>({});
  protected readonly submitted = signal(false);
  protected readonly saving = signal(false);
  protected readonly message = signal<{ key: string; ok: boolean } | null>(null);
  protected readonly serverText = signal<string | null>(null);
  protected readonly fieldErrors = signal<Record<string, string>>({});

  protected readonly chartRater = signal<Rater | null>(null);
  protected readonly ratersWithData = computed(() => [
    ...new Set((this.progression()?.indicators ?? []).map((i) => i.rater)),
  ]);
  protected readonly chartData = computed<ChartGroup[]>(() => {
    const p = this.progression();
    const inst = this.instrument();
    const rater = this.chartRater() ?? this.ratersWithData()[0];
    if (!p || !rater) return [];
    const first = this.lang() === 'en' ? 'First' : 'Första';
    const latest = this.lang() === 'en' ? 'Latest' : 'Senaste';
    // Series names are shown only in the chart's tooltip; the legend comes from the i18n files.
    return p.indicators
      .filter((i) => i.rater === rater)
      .map((i) => ({
        name: this.indicatorLabel(i.indicator, inst),
        series: [
          { name: first, value: i.first },
          { name: latest, value: i.latest },
        ],
      }));
  });
  protected readonly scaleMax = computed(() =>
    Math.max(5, ...(this.instrument()?.indicators.map((i) => i.max) ?? [5])),
  );

  constructor() {
    effect(() => {
      const p = this.participant();
      untracked(() => void this.load(p));
    });
    effect(() => {
      const raters = this.raters();
      untracked(() => {
        if (!raters.includes(this.rater())) this.rater.set(raters[0]);
      });
    });
  }

  private async load(p: Participant): Promise<void> {
    try {
      const [instruments, progression] = await Promise.all([
        this.instrument()
          ? Promise.resolve([this.instrument() as Instrument])
          : this.api.instruments(p.programmeId),
        this.api.progression(p.id),
      ]);
      // The programme's own instrument wins over the shipped default.
      this.instrument.set(
        instruments.find((i) => i.programmeId === p.programmeId) ?? instruments[0] ?? null,
      );
      this.progression.set(progression);
    } catch {
      this.message.set({ key: 'errors.load', ok: false });
    }
  }

  protected indicatorLabel(key: string, inst = this.instrument()): string {
    const ind = inst?.indicators.find((i) => i.key === key);
    if (!ind) return key;
    return this.lang() === 'en' ? ind.labelEn : ind.labelSv;
  }

  protected points(ind: Indicator): number[] {
    return Array.from({ length: ind.max - ind.min + 1 }, (_, i) => ind.min + i);
  }

  protected stage(ind: Indicator, score: number): string {
    return stageLabel(ind, score, this.lang());
  }

  protected setScore(key: string, value: number): void {
    this.scores.update((s) => ({ ...s, [key]: value }));
  }

  protected valueOf(event: Event): string {
    return (event.target as HTMLInputElement | HTMLSelectElement).value;
  }

  protected readonly missing = computed(() => {
    const inst = this.instrument();
    const scores = this.scores();
    return inst ? inst.indicators.filter((i) => scores[i.key] === undefined).map((i) => i.key) : [];
  });

  protected async submit(): Promise<void> {
    const inst = this.instrument();
    if (!inst || this.saving()) return;
    this.submitted.set(true);
    const dateOk = /^\d{4}-\d{2}-\d{2}$/.test(this.date()) && this.date() <= todayIso();
    if (Object.keys(this.scores()).length === 0 || !dateOk) {
      this.fieldErrors.set(dateOk ? {} : { date: 'checkIn.dateInvalid' });
      this.message.set({ key: 'checkIn.needScores', ok: false });
      queueMicrotask(() =>
        this.formEl()
          ?.nativeElement.querySelector<HTMLElement>(
            dateOk ? '[role="radio"]' : 'input[type="date"]',
          )
          ?.focus(),
      );
      return;
    }
    this.saving.set(true);
    this.message.set(null);
    this.serverText.set(null);
    this.fieldErrors.set({});
    try {
      const saved = await this.api.createCheckIn(this.participant().id, {
        instrumentId: inst.id,
        occasion: this.occasion(),
        rater: this.rater(),
        date: this.date(),
        scores: this.scores(),
        ladder: this.ladder() === '' ? null : Number(this.ladder()),
      });
      this.message.set({ key: 'checkIn.saved', ok: true });
      this.scores.set({});
      this.submitted.set(false);
      this.showForm.set(false);
      this.progression.set(await this.api.progression(this.participant().id));
      this.saved.emit(saved);
    } catch (caught) {
      const e = toApiError(caught);
      const fields: Record<string, string> = {};
      for (const [k, v] of Object.entries(e.fields ?? {})) fields[k] = v.join(' ');
      this.fieldErrors.set(fields);
      this.serverText.set(e.fields ? Object.values(fields).join(' ') : e.message || null);
      this.message.set({
        key: e.statusCode === 0 ? 'errors.network' : e.fields ? 'form.fixErrors' : 'errors.save',
        ok: false,
      });
    } finally {
      this.saving.set(false);
    }
  }

  protected scoreKey(event: KeyboardEvent, ind: Indicator): void {
    const forward = event.key === 'ArrowRight' || event.key === 'ArrowDown';
    const back = event.key === 'ArrowLeft' || event.key === 'ArrowUp';
    if (!forward && !back) return;
    event.preventDefault();
    const current = this.scores()[ind.key] ?? ind.min - 1;
    const next = Math.min(ind.max, Math.max(ind.min, current + (forward ? 1 : -1)));
    this.setScore(ind.key, next);
    const group = (event.currentTarget as HTMLElement).closest('[role="radiogroup"]');
    queueMicrotask(() => group?.querySelector<HTMLElement>('[aria-checked="true"]')?.focus());
  }
}
