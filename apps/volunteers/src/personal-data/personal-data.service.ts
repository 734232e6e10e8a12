import { ApplicationWithdrawn, type ErasureReceipt, type PersonalDataExport } from '@birgemiz/contracts';
import { DomainError, ErrorCode } from '@birgemiz/errors';
import { Injectable, Logger } from '@nestjs/common';
import { ApplicationsRepository, type ApplicationRow } from '../applications/applications.repository';
import { toDetailWithoutAudit } from '../applications/applications.service';
import { applicationEventPayload } from '../applications/application-events';
import { StatusTokens } from '../applications/status-tokens';
import { CampaignsRepository } from '../campaigns/campaigns.repository';
import { SignupsRepository } from '../campaigns/signups.repository';
import { SignupsService, toSignupView } from '../campaigns/signups.service';
import { TransactionRunner } from '../database/transaction-runner';
import { OutboxEventsRepository } from '../outbox/outbox-events.repository';
import { VolunteersRepository } from '../volunteers/volunteers.repository';
import { toProfile } from '../volunteers/volunteers.service';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository';

/**
 * A person's own data, reached through their status link: an export of everything stored about them (every
 * application of their e-mail, the volunteer profile, sign-ups, the audit trail), and erasure of it.
 */
@Injectable()
export class PersonalDataService {
  private readonly logger = new Logger(PersonalDataService.name);

  constructor(
    private readonly applications: ApplicationsRepository,
    private readonly volunteers: VolunteersRepository,
    private readonly signups: SignupsRepository,
    private readonly campaigns: CampaignsRepository,
    private readonly signupsService: SignupsService,
    private readonly tokens: StatusTokens,
    private readonly events: OutboxEventsRepository,
    private readonly transactions: TransactionRunner,
    private readonly subscriptions: SubscriptionsRepository,
  ) {}

  async export(token: string): Promise<PersonalDataExport> {
    const application = await this.byToken(token);
    return this.transactions.run(async (tx) => {
      const all = application.email ? await this.applications.findAllByEmail(tx, application.email) : [application];
      const volunteerIds = [...new Set(all.map((a) => a.volunteer_id).filter((id): id is string => id !== null))];
      const volunteer = volunteerIds[0] ? await this.volunteers.findById(volunteerIds[0], tx) : null;
      const signups = volunteer ? await this.signups.listByVolunteer(volunteer.id) : [];
      await this.applications.addAudit(tx, all.map((a) => ({ applicationId: a.id, action: 'exported', actorType: 'applicant' as const })));
      const audit = await this.applications.auditOf(all.map((a) => a.id), tx);
      return {
        exportedAt: new Date().toISOString(),
        applications: all.map(toDetailWithoutAudit),
        volunteer: volunteer ? toProfile(volunteer) : null,
        signups: signups.map((s) => toSignupView(s, null)),
        // Staff ids are not the person's data; the actions and times on their applications are.
        history: audit.map(({ applicationId: _id, actorId: _actor, ...entry }) => ({ ...entry, actorId: null })),
      };
    });
  }

  /**
   * Erases the person's personal data everywhere this service keeps it: every application of their e-mail, their
   * volunteer profile, free-text reasons in the audit trail. Open applications are withdrawn, sign-ups for campaigns
   * that have not finished are cancelled (the waitlist moves up). Statuses, regions, languages, skills, sign-up
   * counts and hours stay as anonymous records. The status link stops working.
   */
  async erase(token: string): Promise<ErasureReceipt> {
    const application = await this.byToken(token);
    const promotions: { campaignId: string; volunteerId: string; promoted: string[] }[] = [];
    const receipt = await this.transactions.run(async (tx) => {
      const all: ApplicationRow[] = application.email ? await this.applications.findAllByEmail(tx, application.email) : [application];
      for (const row of all.filter((a) => a.status === 'submitted' || a.status === 'screening')) {
        const withdrawn = await this.applications.transition(tx, row.id, [row.status], 'withdrawn');
        if (withdrawn) {
          await this.applications.addAudit(tx, [{ applicationId: row.id, action: 'withdrawn', actorType: 'system', fromStatus: row.status, toStatus: 'withdrawn' }]);
          await this.events.add(tx, ApplicationWithdrawn, row.id, applicationEventPayload(withdrawn));
        }
      }
      const volunteer = application.email ? await this.volunteers.findByEmail(tx, application.email) : null;
      let cancelled = 0;
      if (volunteer) {
        for (const signup of await this.signups.listActiveByVolunteer(tx, volunteer.id)) {
          if ((await this.campaigns.findById(signup.campaign_id, tx))?.status === 'finished') continue;
          const outcome = await this.signupsService.cancelInTransaction(tx, signup.campaign_id, volunteer.id);
          promotions.push({ campaignId: signup.campaign_id, volunteerId: volunteer.id, promoted: outcome.promoted });
          cancelled += 1;
        }
        await this.volunteers.erase(tx, volunteer.id);
      }
      // A newsletter subscription of the same address goes too (unsubscribed, address forgotten).
      const subscription = application.email ? await this.subscriptions.findByEmail(tx, application.email) : null;
      if (subscription?.email) await this.subscriptions.unsubscribe(tx, subscription.id, 'erasure');
      await this.applications.addAudit(tx, all.map((a) => ({ applicationId: a.id, action: 'erased', actorType: 'applicant' as const })));
      await this.applications.erase(tx, all.map((a) => a.id));
      return {
        erasedAt: new Date().toISOString(),
        applications: all.length,
        volunteerProfiles: volunteer ? 1 : 0,
        cancelledSignups: cancelled,
        subscriptions: subscription?.email ? 1 : 0,
      };
    });
    for (const p of promotions) this.signupsService.afterCancel(p.campaignId, p.volunteerId, p.promoted);
    this.logger.log({ msg: 'personal data erased', applicationId: application.id, ...receipt });
    return receipt;
  }

  private async byToken(token: string): Promise<ApplicationRow> {
    const row = await this.applications.findByTokenHash(this.tokens.hash(token));
    if (!row) throw new DomainError(ErrorCode.NotFound, 'no application behind this link');
    return row;
  }
}
