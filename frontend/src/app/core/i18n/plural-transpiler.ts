import { type EnvironmentProviders, Injectable, makeEnvironmentProviders } from '@angular/core';
import { TRANSLOCO_TRANSPILER, type TranspileParams } from '@jsverse/transloco';
import {
  MessageFormatTranspiler,
  TRANSLOCO_MESSAGE_FORMAT_CONFIG,
} from '@jsverse/transloco-messageformat';

/** A text value as ICU reads it literally: apostrophes doubled, braces quoted. */
export function icuLiteral(text: string): string {
  return text.replace(/'/g, "''").replace(/[{}]/g, (brace) => `'${brace}'`);
}

/**
 * The messageformat transpiler for ICU plurals ("{count, plural, one {# område} other {…}}"),
 * with one change: it first puts the `{{ }}` parameters into the text and then reads the whole as
 * ICU, so a name such as "Café {Gemenskap}" or "Kim's" would be mangled or throw. String
 * parameters are therefore quoted as ICU literals before that.
 */
@Injectable()
export class PluralTranspiler extends MessageFormatTranspiler {
  override transpile(input: TranspileParams) {
    const params = input.params
      ? Object.fromEntries(
          Object.entries(input.params).map(([key, value]) => [
            key,
            typeof value === 'string' ? icuLiteral(value) : value,
          ]),
        )
      : input.params;
    return super.transpile({ ...input, params });
  }
}

export function providePluralTranspiler(): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: TRANSLOCO_MESSAGE_FORMAT_CONFIG, useValue: undefined },
    { provide: TRANSLOCO_TRANSPILER, useClass: PluralTranspiler },
  ]);
}
