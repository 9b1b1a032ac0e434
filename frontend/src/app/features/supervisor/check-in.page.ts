import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { SupervisedParticipant } from '@stegvis/contracts';
import { CaseRecordsApi } from '../../core/api/case-records.api';
import { toApiError } from '../../core/http/api-error';
import { CheckInComponent } from '../coach/participant/check-in.component';

/**
 * The supervisor rates a participant placed with them, on a phone: the participant's name, the
 * form on the programme's instrument (rater 'supervisor' only) and their own earlier ratings.
 */
@Component({
  selector: 'sv-supervisor-check-in-page',
  imports: [RouterLink, TranslocoPipe, CheckInComponent],
  template: `
    <a routerLink="/supervisor" class="sv-back">← {{ 'supervisorRating.back' | transloco }}</a>
    <h1 class="sv-page-title" data-testid="page-title" tabindex="-1">
      {{ 'supervisorRating.title' | transloco }}
      @if (name()) {
        <span class="sv-visually-hidden">– {{ name() }}</span>
      }
    </h1>
    @if (name(); as n) {
      <p class="sv-page-lead" data-testid="rating-who">
        <strong>{{ n }}</strong>
      </p>
    }
    <p class="sv-muted">{{ 'supervisorRating.lead' | transloco }}</p>
    @if (state() === 'missing') {
      <p class="sv-alert" role="alert" data-testid="rating-missing">
        {{ 'supervisorRating.notFound' | transloco }}
      </p>
    } @else if (state() === 'error') {
      <p class="sv-alert" role="alert">{{ 'errors.load' | transloco }}</p>
    } @else if (state() === 'ready') {
      <sv-check-in [participant]="who()" [startOpen]="true" />
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SupervisorCheckInPage {
  private readonly api = inject(CaseRecordsApi);

  readonly participantId = input.required<string>();
  protected readonly participant = signal<SupervisedParticipant | null>(null);
  protected readonly state = signal<'loading' | 'ready' | 'missing' | 'error'>('loading');
  protected readonly who = computed(() => ({ id: this.participantId() }));
  protected readonly name = computed(() => {
    const p = this.participant();
    return p ? [p.firstName, p.lastName].filter(Boolean).join(' ') : '';
  });

  constructor() {
    effect(() => {
      const id = this.participantId();
      untracked(() => void this.load(id));
    });
  }

  private async load(id: string): Promise<void> {
    this.state.set('loading');
    try {
      // Only participants placed here are listed: anyone else is not ours to rate.
      let cursor: string | undefined;
      do {
        const page = await this.api.listSupervised(cursor);
        const hit = page.items.find((p) => p.id === id);
        if (hit) {
          this.participant.set(hit);
          this.state.set('ready');
          return;
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      this.state.set('missing');
    } catch (caught) {
      this.state.set(toApiError(caught).statusCode === 404 ? 'missing' : 'error');
    }
  }
}
