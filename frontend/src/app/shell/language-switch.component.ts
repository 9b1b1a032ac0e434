import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Locale } from '@stegvis/contracts';
import { LanguageService } from '../core/i18n/language.service';

/** One button that switches to the other language; its text is in that language. */
@Component({
  selector: 'sv-language-switch',
  imports: [MatButtonModule, TranslocoPipe],
  template: `
    <button
      mat-stroked-button
      type="button"
      data-testid="lang-switch"
      [attr.title]="'lang.switchLabel' | transloco"
      (click)="toggle()"
    >
      <span class="cdk-visually-hidden">{{ 'lang.switchLabel' | transloco }}: </span>
      <span [attr.lang]="other()">{{ 'lang.switchTo' | transloco }}</span>
    </button>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LanguageSwitchComponent {
  private readonly language = inject(LanguageService);
  protected readonly other = computed<Locale>(() =>
    this.language.active() === 'sv' ? 'en' : 'sv',
  );

  protected toggle(): void {
    void this.language.choose(this.other());
  }
}
