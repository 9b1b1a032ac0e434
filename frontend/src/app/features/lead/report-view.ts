import { computed, inject } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';
import type {
  ReportCell,
  ReportLabelOptions,
  ReportTable,
  ReportTableKey,
} from '@stegvis/contracts';
import { LanguageService } from '../../core/i18n/language.service';
import { cellText, isSuppressed } from '../../shared/report-cells';
import { LeadStore } from './lead.store';
import { reportCodeLabel } from './report-labels';

/** Where a code stands: a column heading, or which leading label cell of a row. */
export type ReportLabelAt = Pick<ReportLabelOptions, 'heading' | 'column'>;

/**
 * What the dashboard and the report page share: the store, the active language and the report's
 * codes as words. Call in an injection context (a component's field initialiser).
 */
export function injectReportView() {
  const store = inject(LeadStore);
  const transloco = inject(TranslocoService);
  const language = inject(LanguageService);
  const lang = language.active;

  /**
   * A code → words function that changes with the language and the programme's instrument; a row
   * label is read in its table's terms (`job_seeking` is an exit reason in one table, an
   * occupation in another and an indicator in a third).
   */
  const label = computed(() => {
    const active = lang();
    const indicators = store.indicators();
    return (code: string, table?: ReportTableKey, at: ReportLabelAt = {}) =>
      reportCodeLabel(code, active, { table, indicators, ...at });
  });

  const t = (key: string, params: Record<string, unknown> = {}) => {
    lang();
    return transloco.translate(key, params, lang());
  };

  const table = (key: ReportTableKey): ReportTable | undefined =>
    store.report()?.tables.find((x) => x.key === key);

  /** Text of a cell; a hidden count reads "<5 (dold)", a withheld figure "dold". */
  const text = (cell: ReportCell | undefined): string => {
    if (isSuppressed(cell)) return `${cell} (${t('charts.hiddenWord')})`;
    return cellText(cell, lang(), [t('common.yes'), t('common.no')]);
  };

  return { store, lang, label, t, table, text };
}

export type ReportView = ReturnType<typeof injectReportView>;
