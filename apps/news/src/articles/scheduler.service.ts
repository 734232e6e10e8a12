import { Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { ArticlesService } from './articles.service';

const TICK_MS = 1_000;

/**
 * Publishes scheduled articles within about a second of their time. Every news instance runs it; the due rows are
 * claimed with FOR UPDATE SKIP LOCKED and the schedule is cleared in the same transaction, so each article goes
 * live exactly once, also after a restart (a missed time is caught up at start).
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SchedulerService.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly articles: ArticlesService) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => this.schedule(TICK_MS));
    }, delay);
  }

  private async tick(): Promise<void> {
    try {
      while (!this.stopped && (await this.articles.publishDue(20)) === 20) {
        // a full batch: more may be due
      }
    } catch (error) {
      this.logger.error({ msg: 'scheduled publishing failed; retrying next tick', err: error });
    }
  }
}
