import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Participant } from '@stegvis/contracts';
import { displayName } from '../../../shared/participant-name';
import { matchParticipants } from './participant-picker';

let pickers = 0;

/**
 * Choose several participants from a list, with a search over names (and personnummer). Used by
 * the participant page's session form and the group-session page. Inputs and outputs only.
 */
@Component({
  selector: 'sv-participant-picker',
  imports: [MatCheckboxModule, MatFormFieldModule, MatInputModule, TranslocoPipe],
  template: `
    <mat-form-field appearance="outline" class="sv-picker__search" subscriptSizing="dynamic">
      <mat-label>{{ 'groupSessions.picker.search' | transloco }}</mat-label>
      <input
        matInput
        type="search"
        autocomplete="off"
        [value]="query()"
        (input)="query.set($any($event.target).value)"
        [attr.aria-describedby]="countId"
        data-testid="picker-search"
      />
      <mat-hint>{{ 'groupSessions.picker.searchHint' | transloco }}</mat-hint>
    </mat-form-field>
    <p
      class="sv-muted sv-picker__count"
      [id]="countId"
      aria-live="polite"
      data-testid="picker-count"
    >
      @if (loading()) {
        {{ 'app.loading' | transloco }}
      } @else {
        {{
          'groupSessions.picker.count'
            | transloco
              : { shown: shown().length, total: candidates().length, chosen: chosenCount() }
        }}
      }
    </p>
    <div
      class="sv-pick__list"
      role="group"
      [attr.aria-label]="'groupSessions.picker.listLabel' | transloco"
    >
      @for (p of shown(); track p.id) {
        <mat-checkbox
          [checked]="isChosen(p.id)"
          (change)="toggled.emit({ id: p.id, on: $event.checked })"
          data-testid="session-pick-person"
          >{{ nameOf(p) }}</mat-checkbox
        >
      } @empty {
        @if (!loading()) {
          <p class="sv-muted" data-testid="picker-empty">
            @if (query().trim()) {
              {{ 'groupSessions.picker.noMatch' | transloco: { query: query().trim() } }}
            } @else {
              {{ 'groupSessions.picker.nobody' | transloco }}
            }
          </p>
        }
      }
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .sv-picker__search {
      width: 100%;
      max-width: 28rem;
    }
    .sv-picker__count {
      margin: 8px 0 4px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ParticipantPickerComponent {
  /** Whom one may choose. */
  readonly candidates = input.required<readonly Participant[]>();
  /** The ids chosen now. */
  readonly chosen = input.required<readonly string[]>();
  readonly loading = input(false);
  readonly toggled = output<{ id: string; on: boolean }>();

  protected readonly countId = `sv-picker-count-${++pickers}`;
  protected readonly query = signal('');
  protected readonly shown = computed(() => matchParticipants(this.candidates(), this.query()));
  private readonly chosenSet = computed(() => new Set(this.chosen()));
  protected readonly chosenCount = computed(
    () => this.candidates().filter((p) => this.chosenSet().has(p.id)).length,
  );

  protected isChosen(id: string): boolean {
    return this.chosenSet().has(id);
  }

  protected nameOf(p: Participant): string {
    return displayName(p) ?? p.id;
  }
}
