import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { translocoTesting } from '../../testing/transloco-testing';
import { FollowUpFormComponent } from './follow-up-form.component';

describe('FollowUpFormComponent', () => {
  let fixture: ComponentFixture<FollowUpFormComponent>;
  let http: HttpTestingController;
  let el: HTMLElement;
  const url = '/api/placements/pl-1/follow-ups';

  const byTestId = <T extends HTMLElement>(id: string): T => {
    const found = el.querySelector<T>(`[data-testid="${id}"]`);
    if (!found) throw new Error(`no element with data-testid="${id}"`);
    return found;
  };
  const type = (id: string, value: string) => {
    const input = byTestId<HTMLInputElement>(id);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const settle = async () => {
    await new Promise((r) => setTimeout(r, 0));
    await fixture.whenStable();
  };

  async function create(): Promise<void> {
    fixture = TestBed.createComponent(FollowUpFormComponent);
    fixture.componentRef.setInput('placementId', 'pl-1');
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  beforeEach(async () => {
    sessionStorage.clear();
    await TestBed.configureTestingModule({
      imports: [FollowUpFormComponent, translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    }).compileComponents();
    http = TestBed.inject(HttpTestingController);
    await create();
  });

  afterEach(() => http.verify());

  it('presets today and a visit, and asks for wellbeing before sending', async () => {
    expect(byTestId<HTMLInputElement>('fu-date').value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(byTestId('fu-mode-visit').getAttribute('aria-checked')).toBe('true');
    type('fu-present', '4');
    byTestId<HTMLButtonElement>('fu-submit').click();
    await settle();
    http.expectNone(url);
    expect(el.textContent).toContain('Välj hur det går');
  });

  it('keeps what was typed when the network fails, offers a retry, and clears the draft once saved', async () => {
    type('fu-present', '4');
    type('fu-notes', 'Trivs bra i butiken');
    byTestId<HTMLButtonElement>('fu-wellbeing-4').click();
    byTestId<HTMLButtonElement>('fu-mode-phone').click();
    await settle();
    byTestId<HTMLButtonElement>('fu-submit').click();
    await settle();
    http.expectOne(url).error(new ProgressEvent('error'), { status: 0, statusText: '' });
    await settle();
    expect(byTestId('fu-message').textContent).toContain('Ingen anslutning');
    expect(byTestId('fu-submit').textContent).toContain('Försök spara igen');
    expect(byTestId<HTMLTextAreaElement>('fu-notes').value).toBe('Trivs bra i butiken');

    // A reload of the page (a new component) brings the draft back.
    fixture.destroy();
    await create();
    expect(byTestId<HTMLTextAreaElement>('fu-notes').value).toBe('Trivs bra i butiken');
    expect(byTestId<HTMLInputElement>('fu-present').value).toBe('4');
    expect(byTestId('fu-wellbeing-4').getAttribute('aria-checked')).toBe('true');
    expect(byTestId('fu-mode-phone').getAttribute('aria-checked')).toBe('true');
    expect(byTestId('follow-up-restored')).toBeTruthy();

    byTestId<HTMLButtonElement>('fu-submit').click();
    await settle();
    const req = http.expectOne(url);
    expect(req.request.body).toMatchObject({
      mode: 'phone',
      daysPresent: 4,
      daysAbsent: 0,
      wellbeing: 4,
      concern: false,
      notes: 'Trivs bra i butiken',
    });
    req.flush({ id: 'f1' }, { status: 201, statusText: 'Created' });
    await settle();
    expect(sessionStorage.getItem('stegvis.followUpDraft.pl-1')).toBeNull();
    expect(byTestId('fu-message').textContent).toContain('Uppföljningen är sparad');
  });

  it('shows the server field errors beside the fields and keeps the input', async () => {
    type('fu-present', '4');
    byTestId<HTMLButtonElement>('fu-wellbeing-2').click();
    await settle();
    byTestId<HTMLButtonElement>('fu-submit').click();
    await settle();
    http.expectOne(url).flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        fields: { daysAbsent: ['daysAbsent must not be greater than 366'] },
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(el.textContent).toContain('daysAbsent must not be greater than 366');
    expect(byTestId<HTMLInputElement>('fu-present').value).toBe('4');
  });
});
