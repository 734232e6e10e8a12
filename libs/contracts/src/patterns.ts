/**
 * Request-reply message patterns, `<service>.<entity>.<verb>`. A request travels on its service's request topic
 * (requestTopicOf) with the pattern in the PATTERN_HEADER header; its answer on the caller's reply topic
 * (replyTopicOf). Patterns are wire identifiers: DO NOT RENAME.
 */
export const Patterns = {
  news: {
    healthPing: 'news.health.ping',
    articlesLatest: 'news.articles.latest',
    articlesList: 'news.articles.list',
    articlesRead: 'news.articles.read',
    articlesCreate: 'news.articles.create',
    articlesUpdate: 'news.articles.update',
    articlesPublish: 'news.articles.publish',
    articlesUnpublish: 'news.articles.unpublish',
    articlesSchedule: 'news.articles.schedule',
    articlesArchive: 'news.articles.archive',
    articlesDelete: 'news.articles.delete',
    articlesTransliterate: 'news.articles.transliterate',
    articlesStaffGet: 'news.articles.staff-get',
    articlesStaffList: 'news.articles.staff-list',
    articlesReplay: 'news.articles.replay',
    /** Internal (service to service): every article's full state, paged by id, for rebuilding indexes. */
    articlesExport: 'news.articles.export',
    revisionsList: 'news.revisions.list',
    revisionsRestore: 'news.revisions.restore',
    commentsCreate: 'news.comments.create',
    commentsList: 'news.comments.list',
    commentsStaffList: 'news.comments.staff-list',
    commentsModerate: 'news.comments.moderate',
  },
  volunteers: {
    healthPing: 'volunteers.health.ping',
    authLogin: 'volunteers.auth.login',
    authRefresh: 'volunteers.auth.refresh',
    authLogout: 'volunteers.auth.logout',
    staffList: 'volunteers.staff.list',
    staffCreate: 'volunteers.staff.create',
    applicationsSubmit: 'volunteers.applications.submit',
    applicationsStatus: 'volunteers.applications.status',
    applicationsWithdraw: 'volunteers.applications.withdraw',
    applicationsList: 'volunteers.applications.list',
    applicationsGet: 'volunteers.applications.get',
    applicationsScreen: 'volunteers.applications.screen',
    personalDataExport: 'volunteers.personal-data.export',
    personalDataErase: 'volunteers.personal-data.erase',
    volunteersList: 'volunteers.volunteers.list',
    volunteersGet: 'volunteers.volunteers.get',
    volunteersUpdate: 'volunteers.volunteers.update',
    campaignsList: 'volunteers.campaigns.list',
    campaignsGet: 'volunteers.campaigns.get',
    campaignsCreate: 'volunteers.campaigns.create',
    campaignsUpdate: 'volunteers.campaigns.update',
    campaignsTransition: 'volunteers.campaigns.transition',
    signupsSelfCreate: 'volunteers.signups.self-create',
    signupsSelfCancel: 'volunteers.signups.self-cancel',
    signupsAssign: 'volunteers.signups.assign',
    signupsUnassign: 'volunteers.signups.unassign',
    signupsList: 'volunteers.signups.list',
    attendanceRecord: 'volunteers.attendance.record',
    subscriptionsSubscribe: 'volunteers.subscriptions.subscribe',
    subscriptionsConfirm: 'volunteers.subscriptions.confirm',
    subscriptionsUnsubscribe: 'volunteers.subscriptions.unsubscribe',
    subscriptionsOneClick: 'volunteers.subscriptions.one-click',
    subscriptionsGet: 'volunteers.subscriptions.get',
    subscriptionsUpdate: 'volunteers.subscriptions.update',
    notificationsPreview: 'volunteers.notifications.preview',
    notificationsFailedList: 'volunteers.notifications.failed-list',
    notificationsFailedRetry: 'volunteers.notifications.failed-retry',
    notificationsMetrics: 'volunteers.notifications.metrics',
    notificationsStaffAlerts: 'volunteers.notifications.staff-alerts',
  },
  search: {
    healthPing: 'search.health.ping',
    articlesPublicSearch: 'search.articles.public-search',
    articlesStaffSearch: 'search.articles.staff-search',
    indexStatus: 'search.index.status',
    indexRebuild: 'search.index.rebuild',
    indexDriftCheck: 'search.index.drift-check',
  },
} as const;

export type ServiceName = keyof typeof Patterns;

export const SERVICE_NAMES: readonly ServiceName[] = ['news', 'volunteers', 'search'];

type PatternsOf<T> = T extends string ? T : { [K in keyof T]: PatternsOf<T[K]> }[keyof T];
export type MessagePatternName = PatternsOf<typeof Patterns>;

export function patternsOf(service: ServiceName): string[] {
  return Object.values(Patterns[service]);
}

export function allPatterns(): string[] {
  return SERVICE_NAMES.flatMap(patternsOf);
}

/** The service that answers a pattern: its first segment (`news.articles.read` → `news`). */
export function serviceOfPattern(pattern: string): string {
  const service = pattern.split('.')[0];
  if (!/^[a-z][a-z0-9-]*$/.test(service) || service === pattern) throw new Error(`not a <service>.<entity>.<verb> pattern: ${pattern}`);
  return service;
}

/**
 * The one request topic of a service: all its patterns share it, so a service's consumer fetches a few partitions
 * instead of a topic per pattern (kafkajs spends time on every partition of every fetch).
 */
export function requestTopicOf(service: string): string {
  return `birgemiz.rpc.${service}.requests`;
}

/** The reply topic of a request-reply caller (the gateway, the search service's export client, …). */
export function replyTopicOf(caller: string): string {
  return `birgemiz.rpc.${caller}.replies`;
}
