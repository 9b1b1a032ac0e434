import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ParticipantsService } from './participants.service';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Runs the retention erasure once a day. The first run comes an hour after start-up, so a
 * short-lived process (a test, a migration run) never erases anything by itself; the timers are
 * unref'd and never keep the process alive.
 */
@Injectable()
export class ParticipantsRetentionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RetentionJob');
  private timers: NodeJS.Timeout[] = [];

  constructor(private readonly participants: ParticipantsService) {}

  onApplicationBootstrap(): void {
    const first = setTimeout(() => {
      void this.run();
      const daily = setInterval(() => void this.run(), DAY_MS);
      daily.unref();
      this.timers.push(daily);
    }, HOUR_MS);
    first.unref();
    this.timers.push(first);
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }

  private async run(): Promise<void> {
    try {
      await this.participants.eraseDue(new Date());
    } catch (error) {
      this.logger.error(
        { err: error instanceof Error ? { type: error.name, message: error.message } : 'unknown' },
        'Retention job failed',
      );
    }
  }
}
