import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AuthService } from '../../core/auth/auth.service';
import { navFor } from '../../shell/nav';

const DESCRIPTIONS: Record<string, string> = {
  '/admin/users': 'pages.admin.users',
  '/admin/programmes': 'pages.admin.programmes',
  '/admin/enterprises': 'pages.admin.enterprises',
  '/admin/audit': 'pages.admin.audit',
};

@Component({
  selector: 'sv-admin-home',
  imports: [MatCardModule, MatButtonModule, RouterLink, TranslocoPipe],
  templateUrl: './admin-home.page.html',
  styleUrl: './admin-home.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminHomePage {
  private readonly auth = inject(AuthService);

  /** The same entries the navigation offers this user, minus the overview itself. */
  protected readonly sections = computed(() =>
    navFor(this.auth.role())
      .filter((item) => item.path in DESCRIPTIONS)
      .map((item) => ({ ...item, descriptionKey: DESCRIPTIONS[item.path] })),
  );
}
