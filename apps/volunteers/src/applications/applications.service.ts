import {
  ApplicationSubmitted,
  applicationLocale,
  CURRENT_CONSENT_VERSION,
  type ApplicationDetail,
  type ApplicationListQuery,
  type ApplicationReceipt,
  type ApplicationStatus,
  type ApplicationStatusView,
  type ApplicationSubmitRequest,
  type ApplicationSummary,
  type Page,
  type RegionCode,
  type ScreeningAction,
  type StaffActor,
} from '@birgemiz/contracts';
import { DomainError, ErrorCode } from '@birgemiz/errors';
import { currentCorrelationId } from '@birgemiz/logging';
import { outboxEventOf } from '@birgemiz/messaging';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { requireRole } from '../common/staff-roles';
import { VOLUNTEERS_CONFIG, type VolunteersConfig } from '../config';
import { isUniqueViolation, TransactionRunner, type Tx } from '../database/transaction-runner';
import { NotificationTriggers } from '../notifications/notification-triggers';
import { OutboxEventsRepository } from '../outbox/outbox-events.repository';
import { OutboxRelayService } from '../outbox/outbox-relay.service';
import { VolunteersRepository } from '../volunteers/volunteers.repository';
import { applicationEventFor, applicationEventPayload } from './application-events';
import { ApplicationsRepository, type ApplicationRow, type SubmitOutcome, type SubmittedRow } from './applications.repository';
import { referenceNumber, StatusTokens } from './status-tokens';

/** Where each screening action may start, and where it leads. */
const SCREENING: Record<ScreeningAction, { from: ApplicationStatus[]; to: ApplicationStatus; audit: string }> = {
  start_screening: { from: ['submitted'], to: 'screening', audit: 'screening_started' },
  approve: { from: ['screening'], to: 'approved', audit: 'approved' },
  reject: { from: ['submitted', 'screening'], to: 'rejected', audit: 'rejected' },
};

const WITHDRAWABLE: ApplicationStatus[] = ['submitted', 'screening'];

export function statusPath(token: string): string {
  return `/api/v1/applications/status/${token}`;
}

/** "Become a volunteer" applications: submission, the applicant's status link, screening by coordinators. */
@Injectable()
export class ApplicationsService {
  private readonly logger = new Logger(ApplicationsService.name);

  constructor(
    private readonly applications: ApplicationsRepository,
    private readonly volunteers: VolunteersRepository,
    private readonly events: OutboxEventsRepository,
    private readonly transactions: TransactionRunner,
    private readonly tokens: StatusTokens,
    private readonly notifications: NotificationTriggers,
    @Inject(VOLUNTEERS_CONFIG) private readonly config: Pick<VolunteersConfig, 'APPLICATION_REPEAT_WINDOW_DAYS'>,
    @Optional() private readonly relay?: OutboxRelayService,
  ) {}

  /**
   * Stores an application once: a retried submission with the same idempotency key gets the same answer; another
   * application of the same e-mail within the repeat window is refused with CONFLICT (already_applied). A filled-in
   * honeypot gets an answer that looks real and nothing is stored.
   */
  async submit(request: ApplicationSubmitRequest): Promise<ApplicationReceipt> {
    const { website, submissionId, ...form } = request.form;
    if (website && website.trim() !== '') {
      this.logger.warn({ msg: 'honeypot field filled in; submission dropped' });
      return this.decoyReceipt();
    }
    const key = request.idempotencyKey ?? submissionId ?? null;
    const fingerprint = createHash('sha256').update(JSON.stringify(form)).digest('hex');
    const id = randomUUID();
    const nonce = this.tokens.newNonce();
    const submittedAt = new Date();
    // Ids, status, region, campaign and languages only (validated against the public event schema).
    const event = outboxEventOf(ApplicationSubmitted, id, {
      applicationId: id,
      status: 'submitted',
      region: form.region,
      campaignId: form.campaignId ?? null,
      languages: form.languages.map((l) => ({ code: l.code, level: l.level, scripts: [...l.scripts] })),
      occurredAt: submittedAt.toISOString(),
    });
    const input = {
      application: {
        id,
        full_name: form.fullName,
        email: form.email,
        phone: form.phone,
        birth_date: form.birthDate,
        guardian: form.guardian ?? null,
        region: form.region,
        city: form.city,
        languages: form.languages,
        skills: form.skills,
        availability: form.availability,
        motivation: form.motivation,
        campaign_id: form.campaignId ?? null,
        consent_version: form.consent.version,
        locale: applicationLocale(form),
        idempotency_key: key,
        request_fingerprint: key ? fingerprint : null,
        status_token_nonce: nonce,
        status_token_hash: this.tokens.hash(this.tokens.tokenFor(id, nonce)),
      },
      submittedAt,
      repeatWindowDays: this.config.APPLICATION_REPEAT_WINDOW_DAYS,
      auditReason: `consent ${form.consent.version}`,
      event,
      correlationId: currentCorrelationId() ?? null,
    };

    let outcome: SubmitOutcome;
    try {
      outcome = await this.applications.submit(input);
    } catch (error) {
      // The same key used concurrently for another e-mail: the second insert loses; answer as for a replay.
      if (!isUniqueViolation(error)) throw error;
      outcome = await this.applications.submit(input);
    }
    switch (outcome.kind) {
      case 'created':
        this.afterCommit(outcome.row.id, 'submitted');
        this.logger.debug({ msg: 'application submitted', applicationId: outcome.row.id });
        return this.receipt(outcome.row);
      case 'existing':
        this.logger.debug({ msg: 'application submission replayed', applicationId: outcome.row.id });
        return this.receipt(this.sameSubmission(outcome.row, fingerprint));
      case 'already_applied': {
        const window = this.config.APPLICATION_REPEAT_WINDOW_DAYS;
        throw new DomainError(ErrorCode.Conflict, `an application of this e-mail exists from the last ${window} days`, {
          issues: [{ path: 'body.email', reason: 'already_applied' }],
          meta: { repeatWindowDays: window },
        });
      }
      case 'unknown_campaign':
        throw new DomainError(ErrorCode.ValidationFailed, 'unknown campaign', { issues: [{ path: 'body.campaignId', reason: 'unknown_campaign' }] });
    }
  }

  async status(token: string): Promise<ApplicationStatusView> {
    const row = await this.byToken(token);
    return {
      referenceNumber: row.reference_number,
      status: row.status,
      submittedAt: row.submitted_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      campaignId: row.campaign_id,
      canWithdraw: WITHDRAWABLE.includes(row.status),
      isVolunteer: row.status === 'approved' && row.volunteer_id !== null,
    };
  }

  async withdraw(token: string, reason: string | undefined): Promise<ApplicationStatusView> {
    const hash = this.tokens.hash(token);
    const row = await this.transactions.run(async (tx) => {
      const current = await this.applications.findByTokenHash(hash, tx, true);
      if (!current) throw new DomainError(ErrorCode.NotFound, 'no application behind this link');
      const updated = await this.applications.transition(tx, current.id, WITHDRAWABLE, 'withdrawn');
      if (!updated) throw invalidTransition(current.status, 'withdrawn');
      await this.applications.addAudit(tx, [
        { applicationId: current.id, action: 'withdrawn', actorType: 'applicant', fromStatus: current.status, toStatus: 'withdrawn', reason: reason ?? null },
      ]);
      await this.announce(tx, updated);
      return updated;
    });
    this.afterCommit(row.id, 'withdrawn');
    return this.status(token);
  }

  async list(actor: StaffActor, query: ApplicationListQuery): Promise<Page<ApplicationSummary>> {
    requireRole(actor);
    const [rows, total] = await this.applications.list(query);
    return { items: rows.map(toSummary), page: query.page, pageSize: query.pageSize, total };
  }

  /** The full application with contact details; every read is recorded in its audit trail. */
  async get(actor: StaffActor, id: string): Promise<ApplicationDetail> {
    requireRole(actor);
    const row = await this.applications.findById(id);
    if (!row) throw new DomainError(ErrorCode.NotFound, 'no such application');
    await this.applications.addAudit(undefined, [{ applicationId: id, action: 'viewed', actorType: 'staff', actorId: actor.id }]);
    return this.detail(row);
  }

  async screen(actor: StaffActor, id: string, action: ScreeningAction, reason: string | undefined): Promise<ApplicationDetail> {
    requireRole(actor);
    const step = SCREENING[action];
    const row = await this.transactions.run(async (tx) => {
      const current = await this.applications.findById(id, tx, true);
      if (!current) throw new DomainError(ErrorCode.NotFound, 'no such application');
      if (!step.from.includes(current.status) || current.erased_at) throw invalidTransition(current.status, step.to);
      let volunteerId: string | null = null;
      if (step.to === 'approved') volunteerId = (await this.approveIntoVolunteer(tx, current)).id;
      const updated = await this.applications.transition(tx, id, step.from, step.to, {
        reason: reason ?? null,
        decidedBy: step.to === 'screening' ? null : actor.id,
        volunteerId,
      });
      if (!updated) throw invalidTransition(current.status, step.to);
      await this.applications.addAudit(tx, [
        { applicationId: id, action: step.audit, actorType: 'staff', actorId: actor.id, fromStatus: current.status, toStatus: step.to, reason: reason ?? null },
      ]);
      await this.announce(tx, updated);
      await this.notifications.applicationStatusChanged(id, step.to, tx);
      return updated;
    });
    this.afterCommit(row.id, row.status);
    this.logger.log({ msg: 'application screened', applicationId: id, action, by: actor.id });
    return this.detail(row);
  }

  private approveIntoVolunteer(tx: Tx, row: ApplicationRow) {
    return this.volunteers.upsert(tx, {
      full_name: row.full_name,
      email: row.email,
      phone: row.phone,
      birth_date: row.birth_date,
      region: row.region,
      city: row.city,
      languages: row.languages,
      skills: row.skills,
    });
  }

  private async announce(tx: Tx, row: ApplicationRow): Promise<void> {
    const definition = applicationEventFor(row.status);
    if (definition) await this.events.add(tx, definition, row.id, applicationEventPayload(row));
  }

  private afterCommit(_applicationId: string, _status: ApplicationStatus): void {
    this.relay?.notify();
    this.notifications.committed();
  }

  private sameSubmission<R extends SubmittedRow>(existing: R, fingerprint: string): R {
    if (existing.request_fingerprint !== fingerprint || !existing.status_token_nonce) {
      throw new DomainError(ErrorCode.Conflict, 'this idempotency key was used for another submission', {
        issues: [{ path: 'headers.idempotency-key', reason: 'idempotency_key_reused' }],
      });
    }
    return existing;
  }

  private receipt(row: SubmittedRow): ApplicationReceipt {
    const token = this.tokens.tokenFor(row.id, row.status_token_nonce!);
    return {
      applicationId: row.id,
      referenceNumber: row.reference_number,
      status: row.status,
      submittedAt: row.submitted_at.toISOString(),
      statusToken: token,
      statusPath: statusPath(token),
    };
  }

  /** Indistinguishable from a real receipt for a bot; the link leads nowhere. */
  private decoyReceipt(): ApplicationReceipt {
    const token = randomBytes(32).toString('base64url');
    return {
      applicationId: randomUUID(),
      referenceNumber: referenceNumber(randomInt(1, 999_999)),
      status: 'submitted',
      submittedAt: new Date().toISOString(),
      statusToken: token,
      statusPath: statusPath(token),
    };
  }

  private async byToken(token: string): Promise<ApplicationRow> {
    const row = await this.applications.findByTokenHash(this.tokens.hash(token));
    if (!row) throw new DomainError(ErrorCode.NotFound, 'no application behind this link');
    return row;
  }

  private async detail(row: ApplicationRow): Promise<ApplicationDetail> {
    const audit = await this.applications.auditOf([row.id]);
    return { ...toDetailWithoutAudit(row), audit: audit.map(({ applicationId: _id, ...entry }) => entry) };
  }
}

export function invalidTransition(from: ApplicationStatus, to: ApplicationStatus): DomainError {
  return new DomainError(ErrorCode.Conflict, `cannot move an application from ${from} to ${to}`, {
    issues: [{ path: 'status', reason: 'invalid_transition' }],
    meta: { status: from },
  });
}

export function toSummary(row: ApplicationRow): ApplicationSummary {
  return {
    id: row.id,
    referenceNumber: row.reference_number,
    status: row.status,
    fullName: row.full_name,
    region: row.region as RegionCode,
    city: row.city,
    languages: row.languages,
    skills: row.skills,
    campaignId: row.campaign_id,
    submittedAt: row.submitted_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toDetailWithoutAudit(row: ApplicationRow): Omit<ApplicationDetail, 'audit'> {
  return {
    ...toSummary(row),
    email: row.email,
    phone: row.phone,
    birthDate: row.birth_date,
    guardian: row.guardian,
    availability: row.availability,
    motivation: row.motivation,
    consentVersion: row.consent_version ?? CURRENT_CONSENT_VERSION,
    consentedAt: row.consented_at.toISOString(),
    volunteerId: row.volunteer_id,
    decisionReason: row.decision_reason,
    erased: row.erased_at !== null,
  };
}
