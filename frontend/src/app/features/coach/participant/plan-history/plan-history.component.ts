import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import type { ActionPlanDiff, ActionPlanRevision, PlanStepStatus } from '@stegvis/contracts';
import { CaseRecordsApi } from '../../../../core/api/case-records.api';
import { toApiError } from '../../../../core/http/api-error';
import { LanguageService } from '../../../../core/i18n/language.service';
import { SvDatePipe } from '../../../../shared/date.pipe';
import { planDiffLines } from './plan-diff-words';

/**
 * The plan's history on the plan tab: every saved version (who, when), any one readable, and
 * what changed between two chosen versions, in words. Loaded when first opened, and again
 * whenever the plan is saved (`version` changes).
 */
@Component({
  selector: 'sv-plan-history',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, TranslocoPipe, SvDatePipe],
  templateUrl: './plan-history.component.html',
  styleUrl: './plan-history.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanHistoryComponent {
  private readonly api = inject(CaseRecordsApi);
  protected readonly lang = inject(LanguageService).active;
  private readonly readHeading = viewChild<ElementRef<HTMLElement>>('readHeading');
  private readonly diffHeading = viewChild<ElementRef<HTMLElement>>('diffHeading');

  readonly participantId = input.required<string>();
  /** The plan's current version; a change (a save) reloads the list. */
  readonly version = input(0);

  protected readonly open = signal(false);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly revisions = signal<ActionPlanRevision[]>([]);
  private nextCursor: string | undefined;
  protected readonly hasMore = signal(false);

  protected readonly reading = signal<ActionPlanRevision | null>(null);
  protected readonly diff = signal<ActionPlanDiff | null>(null);
  protected readonly diffLines = computed(() => {
    const d = this.diff();
    return d ? planDiffLines(d, this.lang()) : [];
  });
  protected readonly from = signal(0);
  protected readonly to = signal(0);
  protected readonly compareMessage = signal<string | null>(null);

  constructor() {
    effect(() => {
      const id = this.participantId();
      this.version();
      if (this.open()) untracked(() => void this.load(id));
    });
  }

  protected toggle(): void {
    this.open.update((o) => !o);
  }

  private async load(id: string): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await this.api.planRevisions(id);
      this.revisions.set(page.items);
      this.nextCursor = page.nextCursor ?? undefined;
      this.hasMore.set(page.nextCursor !== null);
      const [latest, previous] = page.items;
      this.to.set(latest?.version ?? 0);
      this.from.set(previous?.version ?? 0);
    } catch (caught) {
      this.error.set(toApiError(caught).statusCode === 0 ? 'errors.network' : 'errors.load');
    } finally {
      this.loading.set(false);
    }
  }

  protected async more(): Promise<void> {
    if (!this.nextCursor) return;
    try {
      const page = await this.api.planRevisions(this.participantId(), this.nextCursor);
      this.revisions.update((r) => [...r, ...page.items]);
      this.nextCursor = page.nextCursor ?? undefined;
      this.hasMore.set(page.nextCursor !== null);
    } catch (caught) {
      this.error.set(toApiError(caught).statusCode === 0 ? 'errors.network' : 'errors.load');
    }
  }

  protected async read(version: number): Promise<void> {
    this.error.set(null);
    try {
      this.reading.set(await this.api.planRevision(this.participantId(), version));
      queueMicrotask(() => this.readHeading()?.nativeElement.focus());
    } catch (caught) {
      this.error.set(toApiError(caught).statusCode === 0 ? 'errors.network' : 'errors.load');
    }
  }

  protected closeReading(): void {
    this.reading.set(null);
  }

  protected setFrom(event: Event): void {
    this.from.set(Number((event.target as HTMLSelectElement).value));
  }

  protected setTo(event: Event): void {
    this.to.set(Number((event.target as HTMLSelectElement).value));
  }

  protected compareWithPrevious(version: number): void {
    this.from.set(version - 1);
    this.to.set(version);
    void this.compare();
  }

  protected async compare(): Promise<void> {
    this.compareMessage.set(null);
    if (this.from() === this.to()) {
      this.diff.set(null);
      this.compareMessage.set('planHistory.compare.same');
      return;
    }
    try {
      this.diff.set(await this.api.planDiff(this.participantId(), this.from(), this.to()));
      queueMicrotask(() => this.diffHeading()?.nativeElement.focus());
    } catch (caught) {
      this.diff.set(null);
      this.compareMessage.set(
        toApiError(caught).statusCode === 0 ? 'errors.network' : 'errors.load',
      );
    }
  }

  protected statusKey(status: PlanStepStatus): string {
    return `planStepStatus.${status}`;
  }
}
