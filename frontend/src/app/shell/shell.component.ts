import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  inject,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { filter } from 'rxjs';
import { AuthService } from '../core/auth/auth.service';
import { LanguageSwitchComponent } from './language-switch.component';
import { navFor } from './nav';

@Component({
  selector: 'sv-shell',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatButtonModule,
    TranslocoPipe,
    LanguageSwitchComponent,
  ],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ShellComponent {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  protected readonly user = this.auth.user;
  // Until two-step verification is set up (when the role requires it) only the account page works.
  // With a one-time password, only the change-password page.
  protected readonly nav = computed(() =>
    this.user()?.mfaEnrollmentRequired || this.user()?.mustChangePassword
      ? []
      : navFor(this.auth.role()),
  );

  constructor() {
    // After an in-app navigation, move focus to the new page so keyboard and screen-reader
    // users start reading the content rather than staying on the link they used.
    let first = true;
    const sub = this.router.events
      .pipe(filter((e): e is NavigationEnd => e instanceof NavigationEnd))
      .subscribe(() => {
        if (first) {
          first = false;
          return;
        }
        queueMicrotask(() => this.focusMain());
      });
    inject(DestroyRef).onDestroy(() => sub.unsubscribe());
  }

  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.focusMain();
  }

  protected async logout(): Promise<void> {
    try {
      await this.auth.logout();
    } finally {
      await this.router.navigateByUrl('/login');
    }
  }

  private focusMain(): void {
    const main = this.main().nativeElement;
    const heading = main.querySelector<HTMLElement>('h1');
    (heading ?? main).focus({ preventScroll: false });
  }
}
