import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { BarChartModule, type Color, ScaleType } from '@swimlane/ngx-charts';
import { TranslocoPipe } from '@jsverse/transloco';
import type { AltCell, ChartDatum, ChartSeries, HiddenBar, AltTable } from '../report-cells';

/** Colours with at least 4.5:1 against white, told apart also without colour by the legend order. */
export const CHART_COLOURS = ['#1f5f9e', '#a4451b', '#2c6e31', '#6a3d9a', '#5a5f66', '#8a1f4d'];

let nextId = 0;

/**
 * A bar chart from ngx-charts with what the library lacks: its own legend that says which values
 * are hidden ("<5 (dold)"), a text table that screen readers read instead of the SVG (which is
 * aria-hidden) and sighted users can open, and a width that follows its container without zone.js.
 */
@Component({
  selector: 'sv-bar-chart',
  imports: [BarChartModule, TranslocoPipe],
  templateUrl: './bar-chart.component.html',
  styleUrl: './bar-chart.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.data-testid]': 'testId()' },
})
export class BarChartComponent {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  readonly heading = input.required<string>();
  readonly description = input<string>('');
  /** `single`: one bar per category; `grouped`: bars per category and series. */
  readonly kind = input<'single' | 'grouped'>('single');
  readonly orientation = input<'horizontal' | 'vertical'>('horizontal');
  readonly single = input<ChartDatum[]>([]);
  readonly grouped = input<ChartSeries[]>([]);
  readonly hidden = input<HiddenBar[]>([]);
  readonly alt = input.required<AltTable>();
  readonly labelHeading = input<string>('');
  readonly lang = input<string>('sv');
  readonly testId = input<string>('chart');

  protected readonly id = `sv-chart-${nextId++}`;
  protected readonly width = signal(0);
  protected readonly showTable = signal(false);

  protected readonly seriesNames = computed(() => {
    if (this.kind() === 'single') return [];
    const names: string[] = [];
    for (const name of this.alt().columns) if (!names.includes(name)) names.push(name);
    return names;
  });

  protected readonly scheme = computed<Color>(() => ({
    name: 'stegvis',
    selectable: false,
    group: ScaleType.Ordinal,
    domain: this.kind() === 'single' ? [CHART_COLOURS[0]] : CHART_COLOURS,
  }));

  /** Custom colours so a single-series chart is one colour and series keep theirs across groups. */
  protected readonly customColors = computed(() =>
    this.kind() === 'single'
      ? this.single().map((d) => ({ name: d.name, value: CHART_COLOURS[0] }))
      : this.seriesNames().map((name, i) => ({
          name,
          value: CHART_COLOURS[i % CHART_COLOURS.length],
        })),
  );

  protected readonly empty = computed(() =>
    this.kind() === 'single' ? this.single().length === 0 : this.grouped().length === 0,
  );

  protected readonly narrow = computed(() => this.width() < 520);

  /**
   * ngx-charts measures its axis labels after the first render and widens the axis then; without
   * zone.js nothing re-renders it, so a fresh `view` a moment later makes it draw with the measured
   * widths (otherwise long labels are cut at the left edge).
   */
  private readonly settle = signal(0);

  protected readonly view = computed<[number, number]>(() => {
    this.settle();
    const w = Math.max(this.width(), 260);
    const groups = this.kind() === 'single' ? this.single().length : this.grouped().length;
    const bars =
      this.kind() === 'single' ? groups : this.grouped().reduce((n, g) => n + g.series.length, 0);
    if (this.orientation() === 'horizontal') {
      const perBar = this.kind() === 'single' ? 34 : 22;
      return [w, Math.max(120, bars * perBar + groups * 10 + 50)];
    }
    return [w, this.narrow() ? 240 : 280];
  });

  constructor() {
    const destroyRef = inject(DestroyRef);
    destroyRef.onDestroy(() => {
      if (this.timer) clearTimeout(this.timer);
    });
    // New data: the axis labels are measured again, so draw once more afterwards.
    effect(() => {
      this.single();
      this.grouped();
      untracked(() => this.resettle());
    });
    afterNextRender(() => {
      const el = this.host.nativeElement;
      this.width.set(el.clientWidth);
      this.resettle();
      if (typeof ResizeObserver === 'undefined') return;
      const observer = new ResizeObserver((entries) => {
        const w = Math.floor(entries[0]?.contentRect.width ?? 0);
        if (w > 0 && Math.abs(w - this.width()) > 4) {
          this.width.set(w);
          this.resettle();
        }
      });
      observer.observe(el);
      destroyRef.onDestroy(() => observer.disconnect());
    });
  }

  private timer: ReturnType<typeof setTimeout> | null = null;

  private resettle(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.settle.update((n) => n + 1);
    }, 150);
  }

  protected colourOf(index: number): string {
    return CHART_COLOURS[index % CHART_COLOURS.length];
  }

  protected isHidden(cell: AltCell): cell is { hidden: string | null } {
    return typeof cell === 'object' && cell !== null;
  }

  protected format(cell: AltCell): string {
    if (cell === null) return '–';
    if (typeof cell === 'number') {
      return new Intl.NumberFormat(this.lang() === 'sv' ? 'sv-SE' : 'en-GB', {
        maximumFractionDigits: 1,
      }).format(cell);
    }
    return cell.hidden ?? '–';
  }

  protected formatTick = (value: number | string): string =>
    typeof value === 'number'
      ? new Intl.NumberFormat(this.lang() === 'sv' ? 'sv-SE' : 'en-GB').format(value)
      : value;
}
