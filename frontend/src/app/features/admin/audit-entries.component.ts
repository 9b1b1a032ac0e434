import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoPipe } from '@jsverse/transloco';
import { AUDIT_ENTITIES, auditOutcomeOf, type AuditEntry } from '@stegvis/contracts';
import { LanguageService } from '../../core/i18n/language.service';
import { SvDatePipe } from '../../shared/date.pipe';

export interface AuditFilterRequest {
  field: 'userId' | 'entityId';
  value: string;
}

/**
 * Audit rows as an admin reads them: a table with one column per fact (when, who, event, kind of
 * record, record, outcome, IP) on wide screens and in print, a definition list per row on a
 * phone. Only one of the two is displayed, so assistive technology meets each row once.
 */
@Component({
  selector: 'sv-audit-entries',
  imports: [NgTemplateOutlet, MatButtonModule, TranslocoPipe, SvDatePipe],
  templateUrl: './audit-entries.component.html',
  styleUrl: './audit-entries.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditEntriesComponent {
  readonly items = input.required<AuditEntry[]>();
  readonly caption = input.required<string>();
  /** Rows offer "only this user / only this record" buttons (the search page). */
  readonly filterable = input(false);
  /** Text for an empty list; none = show nothing. */
  readonly emptyText = input<string | null>(null);
  readonly filter = output<AuditFilterRequest>();

  protected readonly lang = inject(LanguageService).active;

  protected outcomeKey(a: AuditEntry): string {
    return `auditCode.outcome.${auditOutcomeOf(a)}`;
  }

  /** A known kind's label key, or null to show the code as it is. */
  protected entityKey(a: AuditEntry): string | null {
    return (AUDIT_ENTITIES as readonly string[]).includes(a.entity)
      ? `auditCode.entity.${a.entity}`
      : null;
  }

  /** References not shown by name (a list counts every participant it returned). */
  protected moreParticipants(a: AuditEntry): number {
    return Math.max(0, a.participantCount - a.participantRefs.length);
  }

  protected pick(field: AuditFilterRequest['field'], value: string | null): void {
    if (value) this.filter.emit({ field, value });
  }
}
