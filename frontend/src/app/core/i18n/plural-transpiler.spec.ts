import { TestBed } from '@angular/core/testing';
import { TranslocoService } from '@jsverse/transloco';
import { translocoTesting } from '../../testing/transloco-testing';

describe('PluralTranspiler', () => {
  let transloco: TranslocoService;
  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [translocoTesting()] });
    transloco = TestBed.inject(TranslocoService);
  });

  it('picks the plural form by count, in English and Swedish', () => {
    expect(transloco.translate('caseload.count', { count: 1 }, 'en')).toBe('1 participant');
    expect(transloco.translate('caseload.count', { count: 2 }, 'en')).toBe('2 participants');
    expect(transloco.translate('checkIn.partial', { count: 1 }, 'sv')).toBe(
      '1 område lämnas utan värde.',
    );
    expect(transloco.translate('checkIn.partial', { count: 3 }, 'sv')).toBe(
      '3 områden lämnas utan värde.',
    );
  });

  it('keeps names with braces and apostrophes as they are', () => {
    for (const name of ['Café {Gemenskap}', "Kim's", "Kim''s", '{', "'{'"]) {
      expect(transloco.translate('admin.instruments.title', { name }, 'sv')).toBe(
        `Instrument för stegförflyttning – ${name}`,
      );
    }
  });
});

describe('PluralTranspiler under a Content-Security-Policy without unsafe-eval', () => {
  it('formats plurals without compiling code (no Function constructor)', () => {
    TestBed.configureTestingModule({ imports: [translocoTesting()] });
    const transloco = TestBed.inject(TranslocoService);
    const original = globalThis.Function;
    const refuse = function refused(): never {
      throw new EvalError('Refused to evaluate a string as JavaScript');
    };
    globalThis.Function = refuse as unknown as FunctionConstructor;
    try {
      expect(transloco.translate('caseload.count', { count: 7 }, 'sv')).toBe('7 deltagare');
      expect(transloco.translate('caseload.count', { count: 1 }, 'en')).toBe('1 participant');
    } finally {
      globalThis.Function = original;
    }
  });
});
