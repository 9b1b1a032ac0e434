import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

export interface RaterLine {
  /** The rater's label (shown in the legend above the chart). */
  name: string;
  colour: string;
  /** Oldest first; `flagged` = one side of a difference between raters. */
  points: { date: string; value: number; flagged?: boolean }[];
}

const HEIGHT = 240;
const LEFT = 36;
const RIGHT = 16;
const TOP = 12;
const BOTTOM = 28;
const DAY = 86_400_000;

/**
 * Each rater's scores on one indicator over time: one line per rater, a dot per check-in (so a
 * single rating shows too), a red ring where raters differ. Plain SVG that scales to the width
 * of the screen. Hidden from screen readers: the table beside it holds the same values.
 */
@Component({
  selector: 'sv-rater-lines-chart',
  template: `
    <div class="sv-rl" aria-hidden="true" data-testid="rater-lines-chart">
      <p class="sv-rl__legend">
        @for (line of lines(); track line.name) {
          <span class="sv-rl__swatch" [style.background]="line.colour"></span>{{ line.name }}
        }
        @if (anyFlagged()) {
          <span class="sv-rl__ring"></span>{{ flagLabel() }}
        }
      </p>
      <svg [attr.viewBox]="'0 0 ' + width + ' ' + height" preserveAspectRatio="xMidYMid meet">
        @for (t of yTicks(); track t.value) {
          <line
            class="sv-rl__grid"
            [attr.x1]="left"
            [attr.x2]="width - right"
            [attr.y1]="t.y"
            [attr.y2]="t.y"
          />
          <text class="sv-rl__label" [attr.x]="left - 8" [attr.y]="t.y + 4" text-anchor="end">
            {{ t.value }}
          </text>
        }
        @for (t of xTicks(); track t.x) {
          <text class="sv-rl__label" [attr.x]="t.x" [attr.y]="height - 8" text-anchor="middle">
            {{ t.label }}
          </text>
        }
        @for (line of plotted(); track line.name) {
          <polyline class="sv-rl__line" [attr.points]="line.path" [attr.stroke]="line.colour" />
          @for (p of line.points; track $index) {
            @if (p.flagged) {
              <circle class="sv-rl__flag" [attr.cx]="p.x" [attr.cy]="p.y" r="9" />
            }
            <circle [attr.cx]="p.x" [attr.cy]="p.y" r="5" [attr.fill]="line.colour" />
          }
        }
      </svg>
    </div>
  `,
  styles: `
    .sv-rl {
      width: 100%;
      max-width: 760px;
    }
    .sv-rl svg {
      display: block;
      width: 100%;
      height: auto;
    }
    .sv-rl__legend {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px;
      margin: 4px 0;
      font-size: 0.875rem;
    }
    .sv-rl__swatch,
    .sv-rl__ring {
      display: inline-block;
      width: 14px;
      height: 14px;
      margin-left: 8px;
      border-radius: 3px;
    }
    .sv-rl__ring {
      box-sizing: border-box;
      border: 2px solid #b3261e;
      border-radius: 50%;
    }
    .sv-rl__grid {
      stroke: var(--mat-sys-outline-variant);
      stroke-width: 1;
    }
    .sv-rl__label {
      fill: var(--mat-sys-on-surface);
      font-size: 13px;
    }
    .sv-rl__line {
      fill: none;
      stroke-width: 3;
    }
    .sv-rl__flag {
      fill: none;
      stroke: #b3261e;
      stroke-width: 2.5;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RaterLinesChartComponent {
  readonly lines = input.required<RaterLine[]>();
  readonly min = input(1);
  readonly max = input(5);
  readonly locale = input('sv-SE');
  /** The legend's word for the red ring. */
  readonly flagLabel = input('');

  // Drawn at the screen's own width, so the labels keep their size on a phone.
  protected readonly width = Math.max(300, Math.min(760, (globalThis.innerWidth ?? 800) - 40));
  protected readonly height = HEIGHT;
  protected readonly left = LEFT;
  protected readonly right = RIGHT;

  private readonly span = computed(() => {
    const times = this.lines().flatMap((l) => l.points.map((p) => Date.parse(p.date)));
    const from = Math.min(...times);
    const to = Math.max(...times);
    // A single day (or a single rating) gets a week either side, so it sits in the middle.
    return times.length === 0
      ? { from: 0, to: 1 }
      : to - from < DAY
        ? { from: from - 7 * DAY, to: to + 7 * DAY }
        : { from, to };
  });

  private x(date: string): number {
    const { from, to } = this.span();
    return LEFT + 8 + ((Date.parse(date) - from) / (to - from)) * (this.width - LEFT - RIGHT - 16);
  }

  private y(value: number): number {
    const range = Math.max(1, this.max() - this.min());
    return TOP + (1 - (value - this.min()) / range) * (HEIGHT - TOP - BOTTOM);
  }

  protected readonly anyFlagged = computed(() =>
    this.lines().some((l) => l.points.some((p) => p.flagged)),
  );

  protected readonly plotted = computed(() =>
    this.lines().map((line) => {
      const points = line.points.map((p) => ({
        x: this.x(p.date),
        y: this.y(p.value),
        flagged: !!p.flagged,
      }));
      return { ...line, points, path: points.map((p) => `${p.x},${p.y}`).join(' ') };
    }),
  );

  protected readonly yTicks = computed(() =>
    Array.from({ length: this.max() - this.min() + 1 }, (_, i) => this.min() + i).map((value) => ({
      value,
      y: this.y(value),
    })),
  );

  /** Up to five date labels spread over the period. */
  protected readonly xTicks = computed(() => {
    const { from, to } = this.span();
    const format = new Intl.DateTimeFormat(this.locale(), { day: 'numeric', month: 'short' });
    const count = this.width < 480 ? 2 : 4;
    return Array.from({ length: count + 1 }, (_, i) => {
      const at = new Date(from + ((to - from) * i) / count);
      return { x: this.x(at.toISOString().slice(0, 10)), label: format.format(at) };
    });
  });
}
