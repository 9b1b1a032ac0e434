import { bootstrapApplication } from '@angular/platform-browser';
import { AppComponent } from './app/app.component';
import { appConfig } from './app/app.config';

bootstrapApplication(AppComponent, appConfig).catch((error: unknown) => {
  // No ErrorHandler exists when bootstrap itself fails: the browser console is the only place left.
  // eslint-disable-next-line no-console
  console.error(error);
});
