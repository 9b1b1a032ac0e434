import { Injectable, inject } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { TranslocoService } from '@jsverse/transloco';
import { Subject, of, switchMap } from 'rxjs';

/** Route `title` values are translation keys; the tab title follows the active language. */
@Injectable({ providedIn: 'root' })
export class TranslatedTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly transloco = inject(TranslocoService);
  private readonly keys = new Subject<string | undefined>();

  constructor() {
    super();
    this.keys
      .pipe(switchMap((key) => (key ? this.transloco.selectTranslate<string>(key) : of(''))))
      .subscribe((text) => this.title.setTitle(text ? `${text} – Stegvis` : 'Stegvis'));
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.keys.next(this.buildTitle(snapshot));
  }
}
