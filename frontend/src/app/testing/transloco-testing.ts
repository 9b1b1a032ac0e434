import { TranslocoTestingModule, TranslocoTestingOptions } from '@jsverse/transloco';
import en from '../../../public/i18n/en.json';
import sv from '../../../public/i18n/sv.json';

/** The real translation files, preloaded, so tests read the texts users see. */
export function translocoTesting(options: TranslocoTestingOptions = {}) {
  return TranslocoTestingModule.forRoot({
    langs: { sv, en },
    translocoConfig: { availableLangs: ['sv', 'en'], defaultLang: 'sv' },
    preloadLangs: true,
    ...options,
  });
}
