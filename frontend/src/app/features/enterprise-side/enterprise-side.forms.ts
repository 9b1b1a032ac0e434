import type { AbstractControl, FormGroupDirective, NgForm, ValidationErrors } from '@angular/forms';
import type { ErrorStateMatcher } from '@angular/material/core';
import {
  ATTENDEE_SECTORS,
  GENDERS,
  type AdviceFormat,
  type AdviceSession,
  type AgreementStatus,
  type ApiError,
  type AttendeeSector,
  type CreateEnterpriseEventRequest,
  type Gender,
} from '@stegvis/contracts';
import { agreementErrors, attendeeCounts } from '@stegvis/domain';

/*
 * The enterprise-side forms' own rules, taken from libs/domain so the form says before saving what
 * the server would refuse, beside the same field; and the mapping of the server's field paths onto
 * the form's controls for what only the server knows.
 */

/** A count field: a number, or null when left empty. */
type Count = number | null;

export interface EventCountsValue {
  total: Count;
  bySector: Record<AttendeeSector, Count>;
  withGender: boolean;
  byGender: Record<Gender, Count>;
}

/** A broken rule: the request field it names (as the server's 400 would) and its words. */
export interface RuleProblem {
  field: string;
  key: string;
  params: Record<string, number>;
}

const given = (n: Count): n is number => n !== null && (n as unknown) !== '';
const sum = (values: readonly Count[]) =>
  values.reduce<number>((a, n) => a + (given(n) ? n : 0), 0);

/** The counts as the API takes them: a breakdown left wholly empty is not given (null). */
export function countsRequest(
  v: EventCountsValue,
): Pick<
  CreateEnterpriseEventRequest,
  'attendeesTotal' | 'attendeesBySector' | 'attendeesByGender'
> {
  const sectors = ATTENDEE_SECTORS.map((s) => v.bySector[s]);
  const genders = GENDERS.map((g) => v.byGender[g]);
  return {
    attendeesTotal: given(v.total) ? Number(v.total) : null,
    attendeesBySector: sectors.some(given)
      ? Object.fromEntries(ATTENDEE_SECTORS.map((s) => [s, Number(v.bySector[s] ?? 0)]))
      : null,
    attendeesByGender:
      v.withGender && genders.some(given)
        ? Object.fromEntries(GENDERS.map((g) => [g, Number(v.byGender[g] ?? 0)]))
        : v.withGender
          ? Object.fromEntries(GENDERS.map((g) => [g, 0]))
          : null,
  };
}

/** The domain's counting rule on the form's counts (each count already a valid integer). */
export function countsProblem(v: EventCountsValue): RuleProblem | null {
  const body = countsRequest(v);
  const verdict = attendeeCounts({
    total: body.attendeesTotal ?? null,
    bySector: body.attendeesBySector ?? null,
    byGender: body.attendeesByGender ?? null,
  });
  if (verdict.ok) return null;
  const sectorSum = body.attendeesBySector ? sum(Object.values(body.attendeesBySector)) : null;
  const total = body.attendeesTotal ?? sectorSum ?? 0;
  if ('attendeesByGender' in verdict.errors) {
    return {
      field: 'attendeesByGender',
      key: 'enterpriseSide.events.genderMismatch',
      params: { sum: sum(Object.values(body.attendeesByGender ?? {})), total },
    };
  }
  return sectorSum === null
    ? { field: 'attendeesTotal', key: 'enterpriseSide.events.needCount', params: {} }
    : {
        field: 'attendeesTotal',
        key: 'enterpriseSide.events.sumMismatch',
        params: { total: body.attendeesTotal ?? 0, sum: sectorSum },
      };
}

/** A form-group validator for an event's counts: `{ rule: RuleProblem }`. */
export function eventCountsValidator(group: AbstractControl): ValidationErrors | null {
  const v = group.value as EventCountsValue;
  // A count that is itself invalid (negative, a fraction) is reported on its own field first.
  const counts = ['total', ...ATTENDEE_SECTORS.map((s) => `bySector.${s}`)];
  if (v.withGender) counts.push(...GENDERS.map((g) => `byGender.${g}`));
  if (counts.some((path) => group.get(path)?.errors)) return null;
  const problem = countsProblem(v);
  return problem ? { rule: problem } : null;
}

/** An agreement's dates and status (the domain's agreementErrors): `{ rule: RuleProblem }`. */
export function agreementRulesValidator(group: AbstractControl): ValidationErrors | null {
  const v = group.value as { startDate: string; endDate: string; status: AgreementStatus };
  if (!v.startDate) return null;
  const errors = agreementErrors({
    startDate: v.startDate,
    endDate: v.endDate || null,
    status: v.status,
  });
  if (!errors['endDate']) return null;
  const key =
    v.endDate && v.endDate < v.startDate
      ? 'enterpriseSide.agreements.endBeforeStart'
      : 'enterpriseSide.agreements.endedNeedsEnd';
  return { rule: { field: 'endDate', key, params: {} } satisfies RuleProblem };
}

/** The group's broken rule, when it names `field`. */
export function ruleFor(group: AbstractControl, field: string): RuleProblem | null {
  const rule = group.getError('rule') as RuleProblem | null;
  return rule?.field === field ? rule : null;
}

/**
 * Shows a field in error when its own control is, or when the form's rule names it (the rule
 * sits on the group, so the field alone would not turn red), once touched or submitted.
 */
export class RuleErrorMatcher implements ErrorStateMatcher {
  constructor(
    private readonly group: AbstractControl,
    private readonly field: string,
  ) {}

  isErrorState(control: AbstractControl | null, form: FormGroupDirective | NgForm | null): boolean {
    const shown = !!control && (control.touched || !!form?.submitted);
    return shown && (!!control?.invalid || ruleFor(this.group, this.field) !== null);
  }
}

/**
 * Like RuleErrorMatcher, for a field shown by a stand-in control (the single select of an
 * individual advice session stands for the form's `field` list): the list's state decides.
 */
export class FieldRuleMatcher implements ErrorStateMatcher {
  constructor(
    private readonly group: AbstractControl,
    private readonly field: string,
  ) {}

  isErrorState(
    _control: AbstractControl | null,
    form: FormGroupDirective | NgForm | null,
  ): boolean {
    const own = this.group.get(this.field);
    const shown = !!own && (own.touched || !!form?.submitted);
    return shown && (!!own?.invalid || ruleFor(this.group, this.field) !== null);
  }
}

/**
 * An advice session's people, as the server counts them: an individual session advises exactly
 * one contact, a group one or more. `{ rule: RuleProblem }` naming `contactIds`.
 */
export function adviceContactsValidator(group: AbstractControl): ValidationErrors | null {
  const v = group.value as { format: AdviceFormat; contactIds: readonly string[] | null };
  const count = v.contactIds?.length ?? 0;
  const problem = (key: string): ValidationErrors => ({
    rule: { field: 'contactIds', key: `enterpriseSide.advice.${key}`, params: { count } },
  });
  if (v.format === 'individual' && count > 1) return problem('individualOne');
  if (count === 0) return problem(v.format === 'individual' ? 'chooseOne' : 'chooseSome');
  return null;
}

/** The server names `contactIds[0]` (or `contactIds.0`); the form has one field for the list. */
export function adviceFieldPath(path: string): string {
  return path.replace(/^contactIds(\[\d+\]|\.\d+)$/, 'contactIds');
}

/** "N sessions to M people": each person once, however many sessions they took part in. */
export function adviceSummary(sessions: readonly AdviceSession[]): {
  sessions: number;
  people: number;
} {
  const people = new Set(sessions.flatMap((s) => s.contactIds));
  return { sessions: sessions.length, people: people.size };
}

/** The server names request fields; the event form keeps the counts under shorter names. */
export function eventFieldPath(path: string): string {
  return path
    .replace(/^attendeesTotal\b/, 'total')
    .replace(/^attendeesBySector\b/, 'bySector')
    .replace(/^attendeesByGender\b/, 'byGender');
}

/** Rewrites an error's field paths with `map`, for applyServerErrors. */
export function withFieldPaths(error: ApiError, map: (path: string) => string): ApiError {
  if (!error.fields) return error;
  return {
    ...error,
    fields: Object.fromEntries(Object.entries(error.fields).map(([p, m]) => [map(p), m])),
  };
}

/** What to say after a failed save or delete; `null` when the fields say it. */
export function failureKey(error: ApiError): string | null {
  if (error.statusCode === 0) return 'errors.network';
  if (error.statusCode === 409) return 'enterpriseSide.conflict';
  if (error.statusCode === 404) return 'enterpriseSide.gone';
  if (error.fields) return 'form.fixErrors';
  return null;
}
