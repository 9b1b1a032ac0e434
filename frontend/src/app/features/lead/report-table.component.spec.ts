import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { ReportTable } from '@stegvis/contracts';
import { ReportTableComponent } from './report-table.component';

describe('ReportTableComponent: the two markers', () => {
  let fixture: ComponentFixture<ReportTableComponent>;

  async function render(rows: ReportTable['rows']): Promise<HTMLElement> {
    await TestBed.configureTestingModule({ imports: [ReportTableComponent] }).compileComponents();
    fixture = TestBed.createComponent(ReportTableComponent);
    fixture.componentRef.setInput('table', {
      key: 'participants_by_gender',
      title: 'Participants',
      columns: ['gender', 'planned', 'actual'],
      rows,
    } satisfies ReportTable);
    fixture.componentRef.setInput('caption', 'Deltagare');
    fixture.componentRef.setInput('label', (code: string) => code);
    fixture.componentRef.setInput('text', (cell: unknown) => String(cell ?? '–'));
    fixture.componentRef.setInput('secondaryLegend', 'x = dold för att skydda en annan uppgift');
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('prints "x" as it is, styled as hidden, with the legend under the table', async () => {
    const el = await render([
      ['female', 6, 7],
      ['male', 4, 'x'],
      ['other', null, '<5'],
      ['total', 10, 12],
    ]);
    const cells = Array.from(el.querySelectorAll('td')).map((td) => td.textContent?.trim());
    expect(cells).toEqual(['6', '7', '4', 'x', '–', '<5', '10', '12']);
    expect(el.querySelectorAll('td.sv-hidden-cell')).toHaveLength(3); // x, "–", "<5"
    expect(
      el.querySelector('[data-testid="legend-participants_by_gender"]')?.textContent,
    ).toContain('x = dold för att skydda en annan uppgift');
  });

  it('has no "x" legend when no cell is hidden for another', async () => {
    const el = await render([
      ['female', 6, 7],
      ['other', null, '<5'],
      ['total', 10, 12],
    ]);
    expect(el.querySelector('[data-testid="legend-participants_by_gender"]')).toBeNull();
  });
});
