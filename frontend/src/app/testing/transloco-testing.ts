import { TranslocoTestingModule, TranslocoTestingOptions } from '@jsverse/transloco';
import en from '../../../public/i18n/en.json';
import sv from '../../../public/i18n/sv.json';
import { withCodeLabels } from '../core/i18n/code-labels';
import { providePluralTranspiler } from '../core/i18n/plural-transpiler';

/** The real translation files, preloaded, so tests read the texts users see. */
export function translocoTesting(options: TranslocoTestingOptions = {}) {
  const testing = TranslocoTestingModule.forRoot({
    langs: { sv: withCodeLabels(sv, 'sv'), en: withCodeLabels(en, 'en') },
    translocoConfig: { availableLangs: ['sv', 'en'], defaultLang: 'sv' },
    preloadLangs: true,
    ...options,
  });
  // The app's ICU plural forms, as in app.config.ts.
  return {
    ...testing,
    providers: [...(testing.providers ?? []), providePluralTranspiler()],
  };
}
