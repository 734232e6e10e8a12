import { applicationLocale, type ArticleSnapshotPayload, type ContentLocale } from '@birgemiz/contracts';
import { chooseLocale, convertScript } from '@birgemiz/locales';
import { Inject, Injectable } from '@nestjs/common';
import { StatusTokens } from '../applications/status-tokens';
import { localize } from '../campaigns/campaign-localization';
import { VOLUNTEERS_CONFIG, type VolunteersConfig } from '../config';
import { SubscriptionTokens } from '../subscriptions/subscription-tokens';
import { NotificationDataRepository, type NewsletterIssueRow } from './notification-data.repository';
import type { EmailJobData } from './notification-jobs';
import { renderMessage, type DigestItem, type RenderedMessage } from './templates/template-renderer';

export interface ComposedEmail {
  to: string;
  message: RenderedMessage;
  /** Extra headers (List-Unsubscribe and List-Unsubscribe-Post on newsletters). */
  headers: Record<string, string>;
}

export type Composition = { send: ComposedEmail } | { skip: string };

type Config = Pick<VolunteersConfig, 'PUBLIC_BASE_URL' | 'SUBSCRIPTION_CONFIRM_TTL_HOURS' | 'DIGEST_HOUR_UTC'>;

/** Builds one e-mail from a job's ids: reads the recipient now (an erased or unsubscribed person is skipped). */
@Injectable()
export class EmailComposer {
  private readonly base: string;

  constructor(
    private readonly data: NotificationDataRepository,
    private readonly statusTokens: StatusTokens,
    private readonly subscriptionTokens: SubscriptionTokens,
    @Inject(VOLUNTEERS_CONFIG) private readonly config: Config,
  ) {
    this.base = config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  }

  async compose(job: EmailJobData): Promise<Composition> {
    switch (job.type) {
      case 'application-received':
      case 'application-approved':
      case 'application-rejected': {
        const a = await this.data.application(job.applicationId);
        if (!a || !a.email || a.erased_at) return { skip: 'recipient erased or unknown' };
        const expected = { 'application-received': null, 'application-approved': 'approved', 'application-rejected': 'rejected' }[job.type];
        if (expected && a.status !== expected) return { skip: `application is ${a.status}` };
        return this.email(a.email, {
          type: job.type,
          locale: applicationLocale({ locale: a.locale, languages: a.languages }),
          variables: { fullName: a.full_name ?? '', referenceNumber: a.reference_number, statusUrl: this.statusUrl(a.id, a.status_token_nonce) },
        });
      }
      case 'staff-new-application': {
        const [a, staff] = await Promise.all([this.data.application(job.applicationId), this.data.staff(job.staffId)]);
        if (!a || !staff || !staff.active) return { skip: 'staff member or application gone' };
        return this.email(staff.email, {
          type: job.type,
          locale: staff.locale,
          variables: { referenceNumber: a.reference_number, region: a.region, staffUrl: `${this.base}/staff/applications/${a.id}` },
        });
      }
      case 'signup-confirmed':
      case 'signup-waitlisted':
      case 'signup-promoted':
      case 'campaign-reminder': {
        const s = await this.data.signup(job.signupId);
        if (!s || !s.email || s.erased_at) return { skip: 'recipient erased or unknown' };
        if (s.queue_seq !== job.queueSeq) return { skip: 'sign-up changed since' };
        const wanted = job.type === 'signup-waitlisted' ? 'waitlisted' : 'confirmed';
        if (s.signup_status !== wanted) return { skip: `sign-up is ${s.signup_status}` };
        if (job.type === 'campaign-reminder' && (s.campaign_status === 'finished' || s.starts_at.toISOString() !== new Date(job.startsAt).toISOString())) {
          return { skip: 'campaign moved or finished' };
        }
        const locale = applicationLocale({ locale: s.locale, languages: s.languages ?? [] });
        return this.email(s.email, {
          type: job.type,
          locale,
          variables: {
            fullName: s.full_name ?? '',
            campaignTitle: localize(s.translations, locale).title,
            place: s.place,
            startsAt: formatKazakhstanTime(s.starts_at),
            statusUrl: s.application_id ? this.statusUrl(s.application_id, s.status_token_nonce) : `${this.base}/campaigns`,
          },
        });
      }
      case 'subscription-confirm': {
        const sub = await this.data.subscriber(job.subscriptionId);
        if (!sub || !sub.email || sub.status !== 'pending' || sub.generation !== job.generation) return { skip: 'subscription no longer pending' };
        const hours = this.config.SUBSCRIPTION_CONFIRM_TTL_HOURS;
        const token = this.subscriptionTokens.sign({
          purpose: 'confirm',
          subscriptionId: sub.id,
          generation: sub.generation,
          expiresAt: Math.floor(Date.now() / 1000) + hours * 3600,
        });
        return this.email(sub.email, {
          type: job.type,
          locale: sub.locale,
          variables: { hours, confirmUrl: `${this.base}/subscriptions/confirm?token=${token}` },
        });
      }
      case 'newsletter-article': {
        const [sub, issue] = await Promise.all([this.data.subscriber(job.subscriptionId), this.data.issue(job.articleId)]);
        if (!sub || !sub.email || sub.status !== 'confirmed') return { skip: 'not a confirmed subscriber' };
        if (!issue || issue.withdrawn_at) return { skip: 'article withdrawn' };
        const item = this.articleItem(issue.payload, sub.locale);
        if (!item) return { skip: 'article has no translation' };
        return this.mailing(sub, { type: job.type, variables: { title: item.title, summary: item.summary, articleUrl: item.url } });
      }
      case 'newsletter-digest': {
        const sub = await this.data.subscriber(job.subscriptionId);
        if (!sub || !sub.email || sub.status !== 'confirmed') return { skip: 'not a confirmed subscriber' };
        const { from, to } = digestWindow(job.day, this.config.DIGEST_HOUR_UTC);
        const issues = (await this.data.issuesBetween(from, to)).filter((i) => followsIssue(sub, i));
        const items = issues.map((i) => this.articleItem(i.payload, sub.locale)).filter((i): i is DigestItem => !!i);
        if (items.length === 0) return { skip: 'nothing to send' };
        return this.mailing(sub, { type: job.type, variables: { date: job.day }, items });
      }
      case 'campaign-opened': {
        const [sub, campaign] = await Promise.all([this.data.subscriber(job.subscriptionId), this.data.campaign(job.campaignId)]);
        if (!sub || !sub.email || sub.status !== 'confirmed') return { skip: 'not a confirmed subscriber' };
        if (!campaign || !announceable(campaign)) return { skip: 'campaign no longer open' };
        // Preferences may have changed since the fan-out.
        if (!followsCampaign(sub, campaign)) return { skip: 'does not follow this campaign' };
        const text = localize(campaign.translations, sub.locale);
        return this.mailing(sub, {
          type: job.type,
          variables: {
            campaignTitle: text.title,
            description: text.description,
            place: campaign.place,
            startsAt: formatKazakhstanTime(campaign.starts_at),
            campaignUrl: `${this.base}/campaigns/${campaign.id}?locale=${sub.locale}`,
          },
        });
      }
    }
  }

  /** A mailing to a subscriber: footer links to the preferences and unsubscribe pages, RFC 8058 one-click headers. */
  private mailing(
    sub: { id: string; email: string | null; locale: ContentLocale; generation: number },
    input: { type: 'newsletter-article' | 'newsletter-digest' | 'campaign-opened'; variables: Record<string, string>; items?: DigestItem[] },
  ): Composition {
    const token = this.subscriptionTokens.sign({ purpose: 'manage', subscriptionId: sub.id, generation: sub.generation, expiresAt: 0 });
    const footer = {
      manageUrl: `${this.base}/subscriptions/preferences?token=${token}`,
      unsubscribeUrl: `${this.base}/subscriptions/unsubscribe?token=${token}`,
    };
    const composed = this.email(sub.email!, { ...input, locale: sub.locale, footer });
    if ('send' in composed) {
      // RFC 8058 one-click unsubscribe: an HTTPS POST to this URL with the body List-Unsubscribe=One-Click.
      composed.send.headers['List-Unsubscribe'] = `<${this.base}/api/v1/subscriptions/one-click/${token}>`;
      composed.send.headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    return composed;
  }

  private email(to: string, input: Parameters<typeof renderMessage>[0]): Composition {
    return { send: { to, message: renderMessage(input), headers: {} } };
  }

  private statusUrl(applicationId: string, nonce: string | null): string {
    return nonce ? `${this.base}/applications/status/${this.statusTokens.tokenFor(applicationId, nonce)}` : `${this.base}/applications`;
  }

  private articleItem(article: ArticleSnapshotPayload, locale: ContentLocale): DigestItem | null {
    const choice = chooseLocale(locale, article.translations.map((t) => t.locale));
    if (!choice) return null;
    const t = article.translations.find((x) => x.locale === choice.source)!;
    const convert = (s: string) => convertScript(s, choice.source, choice.served);
    return { title: convert(t.title), summary: convert(t.summary), url: `${this.base}/news/${encodeURIComponent(t.slug)}?locale=${choice.served}` };
  }
}

/** Does a subscriber with these topics follow this article? */
export function followsIssue(sub: { topics: string[]; region: string | null }, issue: Pick<NewsletterIssueRow, 'region'>): boolean {
  return sub.topics.includes('news') || (sub.topics.includes('region') && sub.region !== null && sub.region === issue.region);
}

/** Does a subscriber with these topics follow a campaign of this region? (`campaignAudience` selects the same.) */
export function followsCampaign(sub: { topics: string[]; region: string | null }, campaign: { region: string }): boolean {
  return sub.topics.includes('campaigns') && (sub.region === null || sub.region === campaign.region);
}

/** A campaign is announced while it is open and has not started. */
export function announceable(campaign: { status: string; starts_at: Date }, now = Date.now()): boolean {
  return campaign.status === 'open' && campaign.starts_at.getTime() > now;
}

/** The digest of `day` covers articles received from DIGEST_HOUR_UTC of the day before up to that hour of `day`. */
export function digestWindow(day: string, hourUtc: number): { from: Date; to: Date } {
  const to = new Date(`${day}T${String(hourUtc).padStart(2, '0')}:00:00Z`);
  return { from: new Date(to.getTime() - 86_400_000), to };
}

/** Kazakhstan keeps one time zone, UTC+5, all year. */
export function formatKazakhstanTime(at: Date): string {
  const local = new Date(at.getTime() + 5 * 3600_000);
  return `${local.toISOString().slice(0, 10)} ${local.toISOString().slice(11, 16)} (UTC+5)`;
}
