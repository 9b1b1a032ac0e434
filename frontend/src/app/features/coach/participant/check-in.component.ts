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
  CODE_LABELS,
  LADDER_STEPS,
  RATERS,
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
import { PlacementsApi } from '../../../core/api/placements.api';
import { ProgressionChartComponent, type ChartGroup } from './progression-chart.component';
import { RaterLinesChartComponent, type RaterLine } from './rater-lines-chart.component';

/** One colour per rater, told apart by lightness as well as hue. */
export const RATER_COLOURS: Record<Rater, string> = {
  participant: '#0b57a4',
  coach: '#7a1fa2',
  supervisor: '#b35900',
};

type Disagreement = Progression['disagreements'][number];

/** Whether the score of `rater` on `indicator` at `date` is one side of a flagged difference. */
export function isFlagged(
  disagreements: readonly Disagreement[],
  indicator: string,
  rater: Rater,
  date: string,
): boolean {
  return disagreements.some((d) => d.indicator === indicator && d.dates[rater] === date);
}

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
    RaterLinesChartComponent,
  ],
  templateUrl: './check-in.component.html',
  styleUrl: './check-in.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CheckInComponent {
  private readonly api = inject(CaseRecordsApi);
  private readonly placementsApi = inject(PlacementsApi);
  private readonly auth = inject(AuthService);
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('formEl');
  protected readonly lang = inject(LanguageService).active;

  /** A supervisor knows only the participant's id: the instruments come by participant then. */
  readonly participant = input.required<Pick<Participant, 'id'> & { programmeId?: string }>();
  /** Open the form at once (the supervisor's phone flow comes here to rate). */
  readonly startOpen = input(false);
  readonly saved = output<CheckIn>();
  protected readonly isSupervisor = computed(() => this.auth.role() === 'supervisor');

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

  /** Every check-in the caller may see, newest first (the lines over time). */
  protected readonly history = signal<CheckIn[]>([]);
  protected readonly allRaters = RATERS;
  protected readonly colours = RATER_COLOURS;
  protected readonly lineIndicator = signal<string | null>(null);
  protected readonly indicatorsWithData = computed(() => {
    const keys = new Set(this.history().flatMap((c) => Object.keys(c.scores)));
    const order = this.instrument()?.indicators.map((i) => i.key) ?? [];
    return [...keys].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  });
  protected readonly shownIndicator = computed(
    () => this.lineIndicator() ?? this.indicatorsWithData()[0] ?? null,
  );
  /** The chosen indicator's scores over time, oldest first, each with its rater and flag. */
  protected readonly historyRows = computed(() => {
    const key = this.shownIndicator();
    const flags = this.progression()?.disagreements ?? [];
    if (!key) return [];
    return [...this.history()]
      .filter((c) => c.scores[key] !== undefined)
      .sort((a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt))
      .map((c) => ({
        id: c.id,
        date: c.date,
        rater: c.rater,
        occasion: c.occasion,
        score: c.scores[key] as number,
        flagged: isFlagged(flags, key, c.rater, c.date),
      }));
  });
  protected readonly lines = computed<RaterLine[]>(() => {
    const rows = this.historyRows();
    const names = CODE_LABELS[this.lang() === 'en' ? 'en' : 'sv'].rater;
    return RATERS.flatMap((rater) => {
      const points = rows
        .filter((r) => r.rater === rater)
        .map((r) => ({ date: r.date, value: r.score, flagged: r.flagged }));
      return points.length ? [{ name: names[rater], colour: RATER_COLOURS[rater], points }] : [];
    });
  });
  protected readonly shownScale = computed(() => {
    const ind = this.instrument()?.indicators.find((i) => i.key === this.shownIndicator());
    return { min: ind?.min ?? 1, max: ind?.max ?? 5 };
  });
  /** The flagged differences on the chosen indicator (all indicators are listed below). */
  protected readonly raterChanges = computed(() => {
    const byRater = this.progression()?.meanChangeByRater ?? {};
    return RATERS.filter((r) => r in byRater).map((r) => ({
      rater: r,
      change: byRater[r] ?? null,
    }));
  });

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

  private async load(p: Pick<Participant, 'id'> & { programmeId?: string }): Promise<void> {
    try {
      const [instruments, progression, history] = await Promise.all([
        this.instrument()
          ? Promise.resolve([this.instrument() as Instrument])
          : p.programmeId
            ? this.api.instruments(p.programmeId)
            : this.placementsApi.instrumentsFor(p.id),
        this.api.progression(p.id),
        this.placementsApi.checkIns(p.id),
      ]);
      this.history.set(history);
      // The programme's own instrument wins over the shipped default.
      this.instrument.set(
        instruments.find((i) =>
          p.programmeId ? i.programmeId === p.programmeId : i.programmeId !== null,
        ) ??
          instruments[0] ??
          null,
      );
      if (this.startOpen()) this.showForm.set(true);
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

  protected diffParts(d: Disagreement): { rater: Rater; score: number; date: string }[] {
    return RATERS.flatMap((rater) => {
      const score = d.scores[rater];
      const date = d.dates[rater];
      return score === undefined || date === undefined ? [] : [{ rater, score, date }];
    });
  }

  protected signed(value: number, digits = 1): string {
    const text = value.toFixed(digits).replace('.', this.lang() === 'en' ? '.' : ',');
    return value > 0 ? `+${text}` : value < 0 ? `−${text.slice(1)}` : text;
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
      const [progression, history] = await Promise.all([
        this.api.progression(this.participant().id),
        this.placementsApi.checkIns(this.participant().id),
      ]);
      this.progression.set(progression);
      this.history.set(history);
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
