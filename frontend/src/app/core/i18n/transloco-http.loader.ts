import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Translation, TranslocoLoader } from '@jsverse/transloco';
import { map } from 'rxjs';
import { withCodeLabels } from './code-labels';

/**
 * Translation files are static assets: frontend/public/i18n/<lang>.json → /i18n/<lang>.json; the
 * labels of wire codes are added from libs/contracts (code-labels.ts).
 */
@Injectable({ providedIn: 'root' })
export class TranslocoHttpLoader implements TranslocoLoader {
  private readonly http = inject(HttpClient);

  getTranslation(lang: string) {
    return this.http
      .get<Translation>(`/i18n/${lang}.json`)
      .pipe(map((translation) => withCodeLabels(translation, lang)));
  }
}
