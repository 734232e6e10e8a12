import { Injectable, Logger } from '@nestjs/common';

/**
 * The seam where notifications (e-mail, BullMQ jobs) hook in later: services call it after a state change has
 * committed, with ids only. For now it only logs; a notifications module can replace this provider.
 */
@Injectable()
export class NotificationTriggers {
  private readonly logger = new Logger(NotificationTriggers.name);

  applicationStatusChanged(applicationId: string, status: string): void {
    this.logger.debug({ msg: 'application status changed', applicationId, status });
  }

  signupChanged(campaignId: string, volunteerId: string, status: string, reason: 'signed_up' | 'assigned' | 'cancelled' | 'promoted'): void {
    this.logger.debug({ msg: 'sign-up changed', campaignId, volunteerId, status, reason });
  }
}
