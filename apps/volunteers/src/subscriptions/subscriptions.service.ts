import type { PreferencesBody, SubscribeAccepted, SubscribeBody, SubscriptionView } from '@birgemiz/contracts';
import { DomainError, ErrorCode } from '@birgemiz/errors';
import { Injectable, Logger } from '@nestjs/common';
import { TransactionRunner } from '../database/transaction-runner';
import { NotificationOutboxRelay } from '../notifications/notification-outbox-relay.service';
import { NotificationOutboxRepository } from '../notifications/notification-outbox.repository';
import { invalidToken, SubscriptionTokens } from './subscription-tokens';
import { SubscriptionsRepository, type SubscriptionRow } from './subscriptions.repository';

/** Confirmation e-mails one pending address may ask for; more requests are answered the same but send nothing. */
export const MAX_CONFIRMATION_REQUESTS = 5;

/**
 * Newsletter subscriptions with double opt-in: subscribing stores a pending subscription and e-mails a signed,
 * expiring confirmation link; only a confirmed subscription receives anything. Management links (preferences,
 * unsubscribe, RFC 8058 one-click) are signed, do not expire, and die with the subscription: unsubscribing forgets
 * the address, so a replayed link finds nothing to do (409).
 */
@Injectable()
export class SubscriptionsService {
  private readonly logger = new Logger(SubscriptionsService.name);

  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly transactions: TransactionRunner,
    private readonly tokens: SubscriptionTokens,
    private readonly outbox: NotificationOutboxRepository,
    private readonly relay: NotificationOutboxRelay,
  ) {}

  /** Same answer whether the address is new, pending or already confirmed: the request reveals nothing. */
  async subscribe(body: SubscribeBody): Promise<SubscribeAccepted> {
    const preferences = { locale: body.locale, topics: body.topics, region: body.topics.includes('region') ? body.region ?? null : null, frequency: body.frequency };
    const row = await this.transactions.run(async (tx) => {
      const existing = await this.subscriptions.findByEmail(tx, body.email);
      let requested: SubscriptionRow | null;
      if (!existing) requested = await this.subscriptions.insert(tx, body.email, preferences);
      // A confirmed subscription is changed only through its management link, never by whoever knows the address.
      else if (existing.status === 'confirmed' || existing.confirm_requests >= MAX_CONFIRMATION_REQUESTS) requested = null;
      else requested = await this.subscriptions.renewPending(tx, existing.id, preferences, false);
      // The confirmation e-mail commits with the subscription (notification outbox).
      if (requested) {
        await this.outbox.add(tx, [
          { ref: { type: 'subscription-confirm', subscriptionId: requested.id, generation: requested.generation, request: requested.confirm_requests } },
        ]);
      }
      return requested;
    });
    if (row) {
      this.relay.notify();
      this.logger.log({ msg: 'subscription requested', subscriptionId: row.id });
    }
    return { accepted: true, next: 'confirm_by_email' };
  }

  async confirm(token: string): Promise<SubscriptionView> {
    const claims = this.tokens.verify(token, 'confirm');
    const row = await this.transactions.run(async (tx) => {
      const current = await this.subscriptions.findById(claims.subscriptionId, tx, true);
      if (!current || current.generation !== claims.generation || current.status === 'unsubscribed') throw invalidToken();
      return current.status === 'pending' ? this.subscriptions.confirm(tx, current.id) : current;
    });
    this.logger.log({ msg: 'subscription confirmed', subscriptionId: row.id });
    return this.view(row);
  }

  async get(token: string): Promise<SubscriptionView> {
    return this.view(await this.managed(token));
  }

  async updatePreferences(body: PreferencesBody): Promise<SubscriptionView> {
    const claims = this.tokens.verify(body.token, 'manage');
    const row = await this.transactions.run(async (tx) => {
      const current = await this.subscriptions.findById(claims.subscriptionId, tx, true);
      if (!current || current.generation !== claims.generation) throw invalidToken();
      if (current.status === 'unsubscribed') throw alreadyUnsubscribed();
      const topics = body.topics ?? current.topics;
      const region = topics.includes('region') ? (body.region !== undefined ? body.region : current.region) : null;
      if (topics.includes('region') && !region) {
        throw new DomainError(ErrorCode.ValidationFailed, 'the region topic needs a region', { issues: [{ path: 'body.region', reason: 'region_required' }] });
      }
      return this.subscriptions.updatePreferences(tx, current.id, {
        locale: body.locale ?? current.locale,
        topics,
        region: region ?? null,
        frequency: body.frequency ?? current.frequency,
      });
    });
    return this.view(row);
  }

  /** Unsubscribes through the link (`link`) or the RFC 8058 one-click POST (`one-click`); a second time is 409. */
  async unsubscribe(token: string, method: 'link' | 'one-click'): Promise<SubscriptionView> {
    const claims = this.tokens.verify(token, 'manage');
    const row = await this.transactions.run(async (tx) => {
      const current = await this.subscriptions.findById(claims.subscriptionId, tx, true);
      if (!current || current.generation !== claims.generation) throw invalidToken();
      if (current.status === 'unsubscribed') throw alreadyUnsubscribed();
      return this.subscriptions.unsubscribe(tx, current.id, method);
    });
    this.logger.log({ msg: 'unsubscribed', subscriptionId: row.id, method });
    return this.view(row);
  }

  private async managed(token: string): Promise<SubscriptionRow> {
    const claims = this.tokens.verify(token, 'manage');
    const row = await this.subscriptions.findById(claims.subscriptionId);
    if (!row || row.generation !== claims.generation) throw invalidToken();
    return row;
  }

  private view(row: SubscriptionRow): SubscriptionView {
    return {
      status: row.status,
      emailMasked: row.email ? maskEmail(row.email) : '',
      locale: row.locale,
      topics: row.topics,
      region: row.region,
      frequency: row.frequency,
      confirmedAt: row.confirmed_at ? row.confirmed_at.toISOString() : null,
    };
  }
}

function alreadyUnsubscribed(): DomainError {
  return new DomainError(ErrorCode.Conflict, 'already unsubscribed', { issues: [{ path: 'body.token', reason: 'already_unsubscribed' }] });
}

/** `a***@example.kz`: enough for the owner to recognise, not enough to harvest. */
export function maskEmail(email: string): string {
  const [local, domain] = email.split('@');
  return `${local.slice(0, 1)}***@${domain ?? ''}`;
}
