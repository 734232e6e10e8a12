import type { FailedJobsQuery, FailedJobView, NotificationMetrics, NotificationPreview, NotificationQueueName, Page, PreviewQuery, StaffActor, StaffAlertsBody } from '@birgemiz/contracts';
import { convertScript } from '@birgemiz/locales';
import { Inject, Injectable } from '@nestjs/common';
import { COORDINATING_ROLES, requireRole } from '../common/staff-roles';
import { VOLUNTEERS_CONFIG, type VolunteersConfig } from '../config';
import { formatKazakhstanTime } from './email-composer.service';
import { NotificationDataRepository } from './notification-data.repository';
import { NotificationQueuesService } from './notification-queues.service';
import { renderMessage } from './templates/template-renderer';

/** Sample values for previews: never real people. */
const SAMPLE_VARIABLES: Record<string, string | number> = {
  fullName: 'Айгүл Сапарова',
  referenceNumber: 'BV-2026-000123',
  campaignTitle: 'Саябақты тазалау',
  description: 'Көкшетаудағы саябақты бірге тазалаймыз.',
  place: 'Көкшетау, Орталық саябақ',
  startsAt: formatKazakhstanTime(new Date('2026-05-01T04:00:00Z')),
  region: 'akmola',
  hours: 72,
  title: 'Астанада жастар ағаш отырғызды',
  summary: 'Еріктілер қала шетінде 500 көшет отырғызды.',
  date: '2026-05-01',
};

/** Staff operations: template previews, failed jobs and their retry, queue metrics, staff alert regions. */
@Injectable()
export class NotificationsAdminService {
  private readonly base: string;

  constructor(
    private readonly queues: NotificationQueuesService,
    private readonly data: NotificationDataRepository,
    @Inject(VOLUNTEERS_CONFIG) config: Pick<VolunteersConfig, 'PUBLIC_BASE_URL'>,
  ) {
    this.base = config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  }

  preview(actor: StaffActor, query: PreviewQuery): NotificationPreview {
    requireRole(actor, ['admin', 'editor', 'coordinator']);
    const link = `${this.base}/preview`;
    // Sample values are Kazakh Cyrillic; a Latin-script preview shows them as a Latin-script reader would see them.
    const samples = Object.fromEntries(
      Object.entries(SAMPLE_VARIABLES).map(([k, v]) => [k, typeof v === 'string' ? convertScript(v, 'kk-Cyrl', query.locale === 'kk-Latn' ? 'kk-Latn' : 'kk-Cyrl') : v]),
    );
    const mailing = query.type === 'newsletter-article' || query.type === 'newsletter-digest' || query.type === 'campaign-opened';
    const rendered = renderMessage({
      type: query.type,
      locale: query.locale,
      variables: { ...samples, statusUrl: link, staffUrl: link, confirmUrl: link, articleUrl: link, campaignUrl: link },
      items: query.type === 'newsletter-digest' ? [{ title: String(samples.title), summary: String(samples.summary), url: link }] : undefined,
      footer: mailing ? { manageUrl: link, unsubscribeUrl: link } : undefined,
    });
    return { type: query.type, requestedLocale: rendered.requestedLocale, locale: rendered.locale, subject: rendered.subject, html: rendered.html, text: rendered.text };
  }

  failed(actor: StaffActor, query: FailedJobsQuery): Promise<Page<FailedJobView>> {
    requireRole(actor, COORDINATING_ROLES);
    return this.queues.failed(query);
  }

  retry(actor: StaffActor, queue: NotificationQueueName, jobId: string): Promise<{ queue: NotificationQueueName; jobId: string; state: string }> {
    requireRole(actor, COORDINATING_ROLES);
    return this.queues.retry(queue, jobId);
  }

  metrics(actor: StaffActor): Promise<NotificationMetrics> {
    requireRole(actor, ['admin']);
    return this.queues.snapshot();
  }

  async setStaffAlerts(actor: StaffActor, alerts: StaffAlertsBody): Promise<StaffAlertsBody> {
    requireRole(actor, COORDINATING_ROLES);
    await this.data.setStaffAlerts(actor.id, alerts.regions, alerts.locale);
    return alerts;
  }
}
