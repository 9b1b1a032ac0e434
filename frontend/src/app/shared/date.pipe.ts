import { Pipe, PipeTransform } from '@angular/core';
import { formatDateTime, formatDay } from './dates';

/** `{{ value | svDate: lang() }}`; pure, so pass the active language to re-render on a switch. */
@Pipe({ name: 'svDate' })
export class SvDatePipe implements PipeTransform {
  transform(value: string | null | undefined, lang: string, withTime = false): string {
    return withTime ? formatDateTime(value, lang) : formatDay(value, lang);
  }
}
