import { ForbiddenException } from '@nestjs/common';
import {
  type CaseDataResponse,
  type FilteredList,
  filtersOf,
  PAGING_PARAMETERS,
  SHAPES,
  shapeOf,
  type View,
} from '@stegvis/contracts';
import { FieldValidationException } from '../common/validation';
import type { Access } from './decorators';

/**
 * The one place a service learns what the caller sees: the view of the request's grant (policy
 * table, libs/contracts) picks the mapper and the allowed filters. No service tests a role or a
 * scope to decide a view.
 */

/**
 * The choice for the caller's view, e.g. `forView(access, { full: toPlacement, placement:
 * toSupervisedPlacement })`. Deny by default: a view the route did not provide for is refused.
 */
export function forView<T>(access: Pick<Access, 'view'>, choices: Partial<Record<View, T>>): T {
  const choice = choices[access.view];
  if (choice === undefined) throw new ForbiddenException('This action is not allowed.');
  return choice;
}

/** Whether the caller's view of a response holds a (top-level) field, e.g. the personnummer. */
export function viewShows(
  access: Pick<Access, 'view'>,
  response: CaseDataResponse,
  field: string,
): boolean {
  const shape = shapeOf(response, access.view);
  return shape !== undefined && field in (SHAPES[shape] ?? {});
}

/**
 * Refuses a list filter outside the caller's view with a 400 naming it: a filter on a field the
 * caller does not see would tell them its value. `query` is the validated query object.
 */
export function assertFilters(
  access: Pick<Access, 'view'>,
  list: FilteredList,
  query: object,
): void {
  const allowed = filtersOf(list, access.view);
  const fields: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || PAGING_PARAMETERS.includes(key) || allowed.includes(key)) continue;
    fields[key] = [
      'This filter is not available to you: it narrows by a field your view does not show.',
    ];
  }
  if (Object.keys(fields).length > 0) throw new FieldValidationException(fields);
}
