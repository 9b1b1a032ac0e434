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
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  EDUCATION_LEVELS,
  GENDERS,
  REFERRED_BY,
  type Participant,
  type ProgrammeCoach,
} from '@stegvis/contracts';
import { validatePersonnummer } from '@stegvis/domain';
import { CaseRecordsApi } from '../../../../core/api/case-records.api';
import { AuthService } from '../../../../core/auth/auth.service';
import { toApiError } from '../../../../core/http/api-error';
import { applyServerErrors, focusFirstInvalid } from '../../../../shared/server-errors';
import {
  type DetailsConflict,
  type DetailsDraft,
  type DetailsField,
  buildDetailsConflict,
  changesOf,
  draftOf,
} from './details-merge';

type Side = 'mine' | 'theirs';

const YEAR = /^\d{4}$/;

/** The masked form as the API sends it (`19900101-****`), shown as ÅÅÅÅMMDD-XXXX. */
export function maskedForDisplay(masked: string): string {
  return masked.replace(/\*/g, 'X');
}

/** "Uppgifter": every detail the API holds, the audited reveal of the personnummer, the edit form. */
@Component({
  selector: 'sv-participant-details',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatRadioModule,
    TranslocoPipe,
  ],
  templateUrl: './participant-details.component.html',
  styleUrl: './participant-details.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ParticipantDetailsComponent {
  private readonly api = inject(CaseRecordsApi);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly auth = inject(AuthService);
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('formEl');
  private readonly conflictHeading = viewChild<ElementRef<HTMLElement>>('conflictHeading');
  private readonly editButton = viewChild<ElementRef<HTMLButtonElement>>('editButton');

  readonly participant = input.required<Participant>();
  readonly saved = output<Participant>();

  protected readonly genders = GENDERS;
  protected readonly educations = EDUCATION_LEVELS;
  protected readonly referrers = REFERRED_BY;

  /** The record as last read or saved here. */
  protected readonly current = signal<Participant | null>(null);
  protected readonly coaches = signal<ProgrammeCoach[]>([]);
  /** The full number once the coach pressed "Visa" (each press is an audited read). */
  protected readonly revealed = signal<string | null>(null);
  protected readonly revealing = signal(false);
  protected readonly editing = signal(false);
  protected readonly saving = signal(false);
  protected readonly message = signal<{ key: string; kind: 'success' | 'error' | 'info' } | null>(
    null,
  );
  protected readonly serverText = signal<string | null>(null);
  protected readonly conflict = signal<DetailsConflict | null>(null);
  protected readonly choices = signal<Partial<Record<DetailsField, Side>>>({});

  protected readonly maskedPersonnummer = computed(() => {
    const p = this.current()?.personnummer;
    return p ? maskedForDisplay(p) : null;
  });

  /** The draft my edits started from, and its version: the If-Match of the next save. */
  private base: DetailsDraft | null = null;
  private version = 0;

  protected readonly form = this.fb.group({
    firstName: ['', [Validators.required, Validators.maxLength(100)]],
    lastName: ['', [Validators.required, Validators.maxLength(100)]],
    personnummer: ['', personnummerValidator],
    gender: ['undisclosed' as Participant['gender'], Validators.required],
    birthYear: ['', [Validators.pattern(YEAR)]],
    municipality: ['', Validators.maxLength(100)],
    education: [''],
    referredBy: [''],
    responsibleCoachId: [''],
    status: ['active' as DetailsDraft['status']],
  });

  constructor() {
    effect(() => {
      const p = this.participant();
      untracked(() => {
        const previous = this.current();
        this.current.set(p);
        if (previous?.id !== p.id) {
          this.revealed.set(null);
          void this.loadCoaches(p.programmeId);
        }
        if (!this.editing()) this.adopt(p);
      });
    });
  }

  private async loadCoaches(programmeId: string): Promise<void> {
    if (!this.auth.can('programme.listCoaches')) return;
    try {
      this.coaches.set(await this.api.programmeCoaches(programmeId));
    } catch {
      // The select then offers only the current choice; saving still works.
      this.coaches.set([]);
    }
  }

  private adopt(p: Participant): void {
    this.version = p.version;
    this.base = draftOf(p, this.revealed());
    this.fill(this.base);
  }

  private fill(draft: DetailsDraft): void {
    this.form.setValue({ ...draft });
    if (draft.status === 'exited') this.form.controls.status.disable();
    else this.form.controls.status.enable();
    this.form.markAsPristine();
  }

  protected async reveal(): Promise<void> {
    const p = this.current();
    if (!p || this.revealing()) return;
    this.revealing.set(true);
    try {
      const answer = await this.api.revealPersonnummer(p.id);
      const full = answer === null ? null : withDash(answer);
      this.revealed.set(full);
      if (this.base && !this.form.controls.personnummer.dirty) {
        this.base = { ...this.base, personnummer: full ?? '' };
        this.form.controls.personnummer.setValue(full ?? '');
      } else if (this.base) {
        this.base = { ...this.base, personnummer: full ?? '' };
      }
    } catch (caught) {
      const e = toApiError(caught);
      this.message.set({
        key: e.statusCode === 0 ? 'errors.network' : 'errors.load',
        kind: 'error',
      });
    } finally {
      this.revealing.set(false);
    }
  }

  protected hide(): void {
    this.revealed.set(null);
    if (this.base && !this.form.controls.personnummer.dirty) {
      this.base = { ...this.base, personnummer: '' };
      this.form.controls.personnummer.setValue('');
    }
  }

  protected edit(): void {
    const p = this.current();
    if (!p) return;
    this.message.set(null);
    this.adopt(p);
    this.editing.set(true);
    queueMicrotask(() =>
      this.formEl()?.nativeElement.querySelector<HTMLElement>('input, select')?.focus(),
    );
  }

  protected cancel(): void {
    const p = this.current();
    this.editing.set(false);
    this.conflict.set(null);
    this.serverText.set(null);
    if (p) this.adopt(p);
    queueMicrotask(() => this.editButton()?.nativeElement.focus());
  }

  private draft(): DetailsDraft {
    return this.form.getRawValue();
  }

  protected async save(): Promise<void> {
    if (this.saving()) return;
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.message.set({ key: 'form.fixErrors', kind: 'error' });
      queueMicrotask(() => focusFirstInvalid(this.formEl()?.nativeElement));
      return;
    }
    await this.send(this.draft());
  }

  private async send(draft: DetailsDraft): Promise<void> {
    const p = this.current();
    if (!p || !this.base) return;
    const body = changesOf(this.base, draft, this.revealed() !== null || p.personnummer === null);
    if (Object.keys(body).length === 0) {
      this.editing.set(false);
      this.conflict.set(null);
      this.message.set({ key: 'details.nothingChanged', kind: 'info' });
      return;
    }
    this.saving.set(true);
    this.message.set(null);
    this.serverText.set(null);
    try {
      const saved = await this.api.updateParticipant(p.id, this.version, body);
      if (body.personnummer !== undefined) {
        // What was saved is what the coach typed: no need for another audited read.
        this.revealed.set(body.personnummer === null ? null : withDash(body.personnummer));
      }
      this.conflict.set(null);
      this.editing.set(false);
      this.current.set(saved);
      this.adopt(saved);
      this.message.set({ key: 'details.saved', kind: 'success' });
      this.saved.emit(saved);
      queueMicrotask(() => this.editButton()?.nativeElement.focus());
    } catch (caught) {
      const e = toApiError(caught);
      if (e.statusCode === 409 && isParticipant(e.current)) {
        // Keep everything typed; show theirs beside mine for what we both changed.
        const conflict = buildDetailsConflict(this.base, draft, e.current);
        this.conflict.set(conflict);
        this.choices.set(Object.fromEntries(conflict.clashes.map((c) => [c.field, 'mine'])));
        this.fill(conflict.merged);
        this.form.markAsDirty();
        queueMicrotask(() => this.conflictHeading()?.nativeElement.focus());
        return;
      }
      const rest = applyServerErrors(this.form, e);
      this.serverText.set(rest.join(' ') || (e.fields ? null : e.message || null));
      this.message.set({
        key: e.statusCode === 0 ? 'errors.network' : e.fields ? 'form.fixErrors' : 'errors.save',
        kind: 'error',
      });
      queueMicrotask(() => focusFirstInvalid(this.formEl()?.nativeElement));
    } finally {
      this.saving.set(false);
    }
  }

  protected choose(field: DetailsField, side: Side): void {
    this.choices.update((c) => ({ ...c, [field]: side }));
  }

  /** Save on top of their version: my values where I chose mine, theirs elsewhere. */
  protected async resolve(): Promise<void> {
    const conflict = this.conflict();
    if (!conflict || !this.base) return;
    const draft = this.draft();
    const theirsDraft = draftOf(conflict.theirs, this.base.personnummer || null);
    for (const clash of conflict.clashes) {
      if (this.choices()[clash.field] === 'theirs') {
        (draft as unknown as Record<string, string>)[clash.field] = String(
          theirsDraft[clash.field],
        );
      }
    }
    this.version = conflict.theirs.version;
    this.base = theirsDraft;
    this.current.set(conflict.theirs);
    this.fill(draft);
    this.form.markAsDirty();
    await this.send(draft);
  }

  /** Drop my edits and show their version. */
  protected takeTheirs(): void {
    const conflict = this.conflict();
    if (!conflict) return;
    this.conflict.set(null);
    this.editing.set(false);
    this.current.set(conflict.theirs);
    this.adopt(conflict.theirs);
    this.message.set({ key: 'details.tookTheirs', kind: 'info' });
    this.saved.emit(conflict.theirs);
  }

  /** A field's value in words, for the view and the conflict rows. */
  protected valueKey(field: DetailsField, value: string): { key?: string; text?: string } {
    if (value === '') return { key: 'details.none' };
    switch (field) {
      case 'gender':
        return { key: `gender.${value}` };
      case 'education':
        return { key: `education.${value}` };
      case 'referredBy':
        return { key: `referredBy.${value}` };
      case 'status':
        return { key: `participantStatus.${value}` };
      case 'responsibleCoachId':
        return { text: this.coachName(value) };
      case 'personnummer':
        return { text: value.includes('*') ? maskedForDisplay(value) : value };
      case 'firstName':
      case 'lastName':
      case 'birthYear':
      case 'municipality':
        return { text: value };
    }
  }

  protected coachName(id: string | null): string {
    if (!id) return '';
    return this.coaches().find((c) => c.id === id)?.name ?? '—';
  }

  protected fieldError(field: DetailsField): string {
    return String(this.form.controls[field].getError('server') ?? '');
  }
}

/** 12 digits as people write them: ÅÅÅÅMMDD-NNNN. */
export function withDash(personnummer: string): string {
  const digits = personnummer.replace(/\D/g, '');
  return digits.length === 12 ? `${digits.slice(0, 8)}-${digits.slice(8)}` : personnummer;
}

function personnummerValidator(control: { value: string }): Record<string, string> | null {
  const value = control.value.trim();
  if (!value) return null;
  const result = validatePersonnummer(value);
  return result.valid ? null : { personnummer: result.reason };
}

function isParticipant(value: unknown): value is Participant {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Participant).version === 'number' &&
    typeof (value as Participant).id === 'string'
  );
}
