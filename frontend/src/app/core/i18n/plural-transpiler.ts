import { type EnvironmentProviders, Injectable, makeEnvironmentProviders } from '@angular/core';
import { DefaultTranspiler, TRANSLOCO_TRANSPILER, type TranspileParams } from '@jsverse/transloco';
import { IntlMessageFormat } from 'intl-messageformat';

/** A text value as ICU reads it literally: apostrophes doubled, braces quoted. */
export function icuLiteral(text: string): string {
  return text.replace(/'/g, "''").replace(/[{}]/g, (brace) => `'${brace}'`);
}

/** A text with an ICU plural or select ("{count, plural, one {# område} other {…}}"). */
const ICU_ARGUMENT = /\{\s*[\w.]+\s*,\s*(?:plural|selectordinal|select)\s*,/;

/** Formats kept per language and text; texts with names in them vary, so the cache is bounded. */
const CACHE_LIMIT = 500;

/**
 * Transloco's `{{ }}` parameters, then ICU plural and select forms read by intl-messageformat, which
 * interprets the message (no `new Function`, so it runs under the app's `script-src 'self'`). Only
 * texts with a plural or select are read as ICU, so an apostrophe elsewhere stays as typed; in
 * those, string parameters are quoted as ICU literals first, so a name such as "Café {Gemenskap}"
 * or "Kim's" shows as typed.
 */
@Injectable()
export class PluralTranspiler extends DefaultTranspiler {
  private lang = 'sv';
  private readonly formats = new Map<string, IntlMessageFormat>();

  override transpile(input: TranspileParams) {
    const { value, params } = input;
    if (typeof value !== 'string' || !ICU_ARGUMENT.test(value)) return super.transpile(input);
    const quoted = params
      ? Object.fromEntries(
          Object.entries(params).map(([key, param]) => [
            key,
            typeof param === 'string' ? icuLiteral(param) : param,
          ]),
        )
      : params;
    const text = super.transpile({ ...input, params: quoted }) as string;
    try {
      return this.format(text).format(params ?? {}) as string;
    } catch {
      // A malformed message or a missing count: the text as written beats an empty label.
      return text;
    }
  }

  onLangChanged(lang: string): void {
    this.lang = lang;
  }

  private format(text: string): IntlMessageFormat {
    const key = `${this.lang}\u0000${text}`;
    let format = this.formats.get(key);
    if (!format) {
      if (this.formats.size >= CACHE_LIMIT) this.formats.clear();
      format = new IntlMessageFormat(text, this.lang);
      this.formats.set(key, format);
    }
    return format;
  }
}

export function providePluralTranspiler(): EnvironmentProviders {
  return makeEnvironmentProviders([{ provide: TRANSLOCO_TRANSPILER, useClass: PluralTranspiler }]);
}
