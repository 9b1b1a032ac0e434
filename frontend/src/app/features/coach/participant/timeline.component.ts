import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  TIMELINE_KINDS,
  type ApiError,
  type TimelineEvent,
  type TimelineKind,
} from '@stegvis/contracts';
import { CaseRecordsApi } from '../../../core/api/case-records.api';
import { AuthService } from '../../../core/auth/auth.service';
import { toApiError } from '../../../core/http/api-error';
import { LanguageService } from '../../../core/i18n/language.service';
import { SvDatePipe } from '../../../shared/date.pipe';
import { formatDay } from '../../../shared/dates';

interface Part {
  key: string;
  params?: Record<string, unknown>;
}

/** A small symbol per kind; decorative (the kind is also written out). */
const ICONS: Record<TimelineKind, string> = {
  registration: '+',
  consent: '✓',
  plan_revision: '✎',
  session: '☺',
  placement_start: '▶',
  placement_end: '■',
  follow_up: '↻',
  check_in: '★',
  exit: '→',
  reopen: '↺',
  series_enrolment: '⊕',
  series_leave: '⊖',
};

/** Vertical, newest first, filterable by kind; "show more" follows the cursor. */
@Component({
  selector: 'sv-timeline',
  imports: [MatButtonModule, MatCheckboxModule, RouterLink, TranslocoPipe, SvDatePipe],
  template: `
    <fieldset class="sv-fieldset sv-timeline-filter">
      <legend>{{ 'timeline.filter' | transloco }}</legend>
      @for (k of kinds; track k) {
        <mat-checkbox
          [checked]="selected().includes(k)"
          (change)="toggle(k, $event.checked)"
          [attr.data-testid]="'timeline-kind-' + k"
          >{{ 'timeline.kinds.' + k | transloco }}</mat-checkbox
        >
      }
    </fieldset>
    @if (error(); as e) {
      <div class="sv-alert" role="alert">
        {{ (e.statusCode === 0 ? 'errors.network' : 'errors.load') | transloco }}
        <button mat-button type="button" (click)="reload()">
          {{ 'common.retry' | transloco }}
        </button>
      </div>
    }
    <ol class="sv-timeline" data-testid="timeline">
      @for (e of events(); track e.kind + e.id + e.at) {
        <li class="sv-timeline__item" data-testid="timeline-event">
          <span class="sv-timeline__icon sv-timeline__icon--{{ e.kind }}" aria-hidden="true">{{
            icon(e.kind)
          }}</span>
          <div class="sv-timeline__body">
            <p class="sv-timeline__title">{{ 'timeline.kinds.' + e.kind | transloco }}</p>
            <p class="sv-timeline__meta">
              <time [attr.datetime]="e.at">{{ e.at | svDate: lang() }}</time>
              @for (part of describe(e); track $index) {
                · {{ part.key | transloco: part.params }}
              }
            </p>
            @if (seriesOf(e); as s) {
              <a
                class="sv-timeline__link"
                [routerLink]="['/coach/group-series', s.id]"
                [attr.aria-label]="'groupSeries.timelineLinkLabel' | transloco: { name: s.name }"
                data-testid="timeline-series-link"
                >{{ 'groupSeries.timelineLink' | transloco }}</a
              >
            }
          </div>
        </li>
      } @empty {
        @if (!loading()) {
          <li class="sv-muted">{{ 'timeline.empty' | transloco }}</li>
        }
      }
    </ol>
    <p role="status" class="sv-visually-hidden">
      {{ loading() ? ('app.loading' | transloco) : '' }}
    </p>
    @if (nextCursor()) {
      <button
        mat-stroked-button
        type="button"
        (click)="more()"
        [disabled]="loading()"
        data-testid="timeline-more"
      >
        {{ (loading() ? 'app.loading' : 'common.loadMore') | transloco }}
      </button>
    }
  `,
  styleUrl: './timeline.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TimelineComponent {
  private readonly api = inject(CaseRecordsApi);
  protected readonly lang = inject(LanguageService).active;
  private readonly canOpenSeries = inject(AuthService).can('groupSeries.read');
  readonly participantId = input.required<string>();
  /** Bumped by the page after something was saved, to show it at once. */
  readonly refresh = input(0);

  protected readonly kinds = TIMELINE_KINDS;
  protected readonly selected = signal<TimelineKind[]>([...TIMELINE_KINDS]);
  protected readonly events = signal<TimelineEvent[]>([]);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  private request = 0;

  constructor() {
    effect(() => {
      this.participantId();
      this.refresh();
      void this.reload();
    });
  }

  /** A series entry, or a meeting of one, links to the series' page (coaches only). */
  protected seriesOf(e: TimelineEvent): { id: string; name: string } | null {
    if (!this.canOpenSeries) return null;
    const id = e.data['seriesId'];
    const isSeries =
      e.kind === 'series_enrolment' || e.kind === 'series_leave' || e.kind === 'session';
    return isSeries && typeof id === 'string' && id
      ? { id, name: String(e.data['seriesName'] ?? '') }
      : null;
  }

  protected icon(kind: TimelineKind): string {
    return ICONS[kind];
  }

  protected toggle(kind: TimelineKind, on: boolean): void {
    this.selected.update((list) =>
      on
        ? TIMELINE_KINDS.filter((k) => k === kind || list.includes(k))
        : list.filter((k) => k !== kind),
    );
    void this.reload();
  }

  /** The kind-specific facts, as translated phrases joined with " · ". */
  protected describe(e: TimelineEvent): Part[] {
    const d = e.data;
    const code = (name: string) => String(d[name]);
    switch (e.kind) {
      case 'session':
        return [
          ...(d['seriesName']
            ? [{ key: 'timeline.series', params: { name: d['seriesName'] } }]
            : []),
          { key: `sessionKind.${code('kind')}` },
          { key: `attendance.${code('attendance')}` },
          { key: 'timeline.minutes', params: { minutes: d['durationMinutes'] } },
        ];
      case 'plan_revision':
        return [{ key: 'timeline.planRevision', params: { version: d['version'] } }];
      case 'consent':
        return [{ key: d['given'] ? 'timeline.consentGiven' : 'timeline.consentWithdrawn' }];
      case 'placement_start':
      case 'placement_end':
        return [{ key: `placementKind.${code('placementKind')}` }];
      case 'follow_up':
        return [
          { key: `followUpMode.${code('mode')}` },
          { key: 'timeline.wellbeing', params: { wellbeing: d['wellbeing'] } },
          ...(d['concern'] ? [{ key: 'timeline.concern' }] : []),
        ];
      case 'check_in':
        return [{ key: `occasion.${code('occasion')}` }, { key: `rater.${code('rater')}` }];
      case 'exit':
        return [
          { key: `exitReason.${code('reason')}` },
          ...(d['reopened'] ? [{ key: 'exit.timelineReopenedExit' }] : []),
        ];
      case 'reopen':
        return [
          ...(d['previousExitedAt']
            ? [
                {
                  key: 'exit.timelinePreviousExit',
                  params: { date: formatDay(String(d['previousExitedAt']), this.lang()) },
                },
              ]
            : []),
          ...(d['reason']
            ? [{ key: 'exit.timelineReopenReason', params: { reason: d['reason'] } }]
            : []),
        ];
      case 'series_enrolment':
      case 'series_leave':
        return [{ key: 'timeline.series', params: { name: d['seriesName'] } }];
      case 'registration':
        return [];
    }
  }

  async reload(): Promise<void> {
    this.events.set([]);
    this.nextCursor.set(null);
    await this.fetch(null);
  }

  protected async more(): Promise<void> {
    await this.fetch(this.nextCursor());
  }

  private async fetch(cursor: string | null): Promise<void> {
    const id = ++this.request;
    const kinds = this.selected();
    if (kinds.length === 0) {
      this.loading.set(false);
      return;
    }
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await this.api.timeline(this.participantId(), {
        kinds: kinds.length === TIMELINE_KINDS.length ? undefined : kinds,
        cursor: cursor ?? undefined,
      });
      if (id !== this.request) return;
      this.events.update((list) => (cursor ? [...list, ...page.items] : page.items));
      this.nextCursor.set(page.nextCursor);
    } catch (caught) {
      if (id === this.request) this.error.set(toApiError(caught));
    } finally {
      if (id === this.request) this.loading.set(false);
    }
  }
}
