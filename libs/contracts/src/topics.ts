/**
 * Kafka topic names. These are wire identifiers that integrations subscribe to:
 * DO NOT RENAME. A breaking change gets a new topic version (…v2) next to the old one.
 */
export const Topics = {
  /** Public: article lifecycle (published / updated / unpublished / deleted). */
  NewsArticleV1: 'birgemiz.news.article.v1',
  /** Internal: the full editorial state of articles (drafts included), for the staff archive search. */
  NewsArticleStateV1: 'birgemiz.news.article-state.v1',
  /** Internal: page views emitted by the gateway, aggregated by the news service. */
  NewsArticleViewV1: 'birgemiz.news.article-view.v1',
  /** Public: volunteer application lifecycle, without personal data. */
  VolunteersApplicationV1: 'birgemiz.volunteers.application.v1',
  /** Public: campaign lifecycle. */
  VolunteersCampaignV1: 'birgemiz.volunteers.campaign.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

/** Suffix of the dead-letter topic that receives events a consumer could not process. */
export const DEAD_LETTER_SUFFIX = '.dlt';

export function deadLetterTopicOf(topic: string): string {
  return `${topic}${DEAD_LETTER_SUFFIX}`;
}

/** Headers written on every dead-lettered message (values are strings). */
export const DeadLetterHeaders = {
  Reason: 'x-dlt-reason',
  Error: 'x-dlt-error',
  OriginalTopic: 'x-dlt-original-topic',
  OriginalPartition: 'x-dlt-original-partition',
  OriginalOffset: 'x-dlt-original-offset',
  ConsumerGroup: 'x-dlt-consumer-group',
  Attempts: 'x-dlt-attempts',
  FailedAt: 'x-dlt-failed-at',
} as const;

/** Header that carries the correlation id from HTTP through Kafka into logs and jobs. */
export const CORRELATION_HEADER = 'x-correlation-id';

/**
 * Header of a request-reply message: the time (epoch milliseconds) after which its caller no longer waits for the
 * answer. Services skip requests past it (with a small grace for clock differences).
 */
export const DEADLINE_HEADER = 'x-deadline';

/** Header of a request-reply message: its pattern (the topic is the service's, shared by all its patterns). */
export const PATTERN_HEADER = 'x-pattern';
