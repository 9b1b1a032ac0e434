import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { BarChartModule, ScaleType, type Color } from '@swimlane/ngx-charts';

export interface ChartGroup {
  name: string;
  series: { name: string; value: number }[];
}

/**
 * First vs latest score per indicator as grouped horizontal bars. Lives in its own deferred chunk so
 * ngx-charts (and d3) load only when a progression is on screen. Hidden from screen readers:
 * the table next to it says the same.
 */
@Component({
  selector: 'sv-progression-chart',
  imports: [BarChartModule],
  template: `
    <div class="sv-chart" aria-hidden="true" data-testid="progression-chart">
      <p class="sv-chart__legend">
        <span class="sv-chart__swatch" [style.background]="colours[0]"></span>{{ firstLabel() }}
        <span class="sv-chart__swatch" [style.background]="colours[1]"></span>{{ latestLabel() }}
      </p>
      <ngx-charts-bar-horizontal-2d
        [results]="data()"
        [view]="view()"
        [scheme]="scheme"
        [xAxis]="true"
        [yAxis]="true"
        [legend]="false"
        [xScaleMax]="max()"
        [trimYAxisTicks]="false"
        [roundDomains]="true"
        [animations]="false"
        [barPadding]="2"
        [groupPadding]="10"
      />
    </div>
  `,
  styles: `
    .sv-chart {
      width: 100%;
      overflow-x: auto;
    }
    .sv-chart__legend {
      display: flex;
      align-items: center;
      gap: 6px;
      margin: 4px 0;
      font-size: 0.875rem;
    }
    .sv-chart__swatch {
      display: inline-block;
      width: 14px;
      height: 14px;
      border-radius: 3px;
      margin-left: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProgressionChartComponent {
  readonly data = input.required<ChartGroup[]>();
  readonly max = input(5);
  readonly firstLabel = input('');
  readonly latestLabel = input('');

  protected readonly colours = ['#9ab8d8', '#0b57a4'];
  // Two colours that differ in lightness as well as hue (readable in grey and for colour-blind users).
  protected readonly scheme: Color = {
    name: 'stegvis',
    selectable: false,
    group: ScaleType.Ordinal,
    domain: this.colours,
  };
  // Horizontal bars keep long indicator names readable; the width follows small screens.
  protected readonly view = computed<[number, number]>(() => [
    Math.max(300, Math.min(760, (globalThis.innerWidth ?? 800) - 40)),
    Math.max(160, 48 * this.data().length + 60),
  ]);
}
