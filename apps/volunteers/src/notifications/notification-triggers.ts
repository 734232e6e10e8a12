import { Injectable, Logger, Optional } from '@nestjs/common';
import { NotificationPlanner } from './notification-planner.service';

const ATTEMPTS = 4;

/**
 * The seam between the volunteering services and notifications: services call it after a state change has committed,
 * with ids only. It enqueues the matching e-mail jobs (NotificationPlanner) in the background, retrying a few times
 * when Redis does not answer; the caller never waits for it and never fails because of it. Without the notifications
 * module (some tests) it only logs.
 */
@Injectable()
export class NotificationTriggers {
  private readonly logger = new Logger(NotificationTriggers.name);
  private readonly inFlight = new Set<Promise<void>>();

  constructor(@Optional() private readonly planner?: NotificationPlanner) {}

  applicationStatusChanged(applicationId: string, status: string): void {
    this.logger.debug({ msg: 'application status changed', applicationId, status });
    this.background('application', () => this.planner?.applicationStatusChanged(applicationId, status));
  }

  signupChanged(campaignId: string, volunteerId: string, status: string, reason: 'signed_up' | 'assigned' | 'cancelled' | 'promoted'): void {
    this.logger.debug({ msg: 'sign-up changed', campaignId, volunteerId, status, reason });
    this.background('signup', () => this.planner?.signupChanged(campaignId, volunteerId, status, reason));
  }

  /** Resolves when every enqueue started so far has finished (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  private background(what: string, work: () => Promise<void> | undefined): void {
    if (!this.planner) return;
    const run = (async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          await work();
          return;
        } catch (error) {
          if (attempt >= ATTEMPTS) {
            this.logger.error({ msg: 'could not enqueue notification', what, err: error });
            return;
          }
          await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
        }
      }
    })();
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }
}
