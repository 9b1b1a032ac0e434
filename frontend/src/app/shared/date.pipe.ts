import { Pipe, PipeTransform } from '@angular/core';
import { formatDateTime, formatDay, formatMonth } from './dates';

/** `{{ value | svDate: lang() }}`; pure, so pass the active language to re-render on a switch. */
@Pipe({ name: 'svDate' })
export class SvDatePipe implements PipeTransform {
  transform(value: string | null | undefined, lang: string, withTime = false): string {
    return withTime ? formatDateTime(value, lang) : formatDay(value, lang);
  }
}

/** `{{ value | svMonth: lang() }}`: a month (`YYYY-MM`, or a day in it) — what a reduced record keeps. */
@Pipe({ name: 'svMonth' })
export class SvMonthPipe implements PipeTransform {
  transform(value: string | null | undefined, lang: string): string {
    return formatMonth(value, lang);
  }
}
