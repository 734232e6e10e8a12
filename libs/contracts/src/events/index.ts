import { ApplicationApproved, ApplicationRejected, ApplicationSubmitted, ApplicationWithdrawn } from './application';
import { ArticleDeleted, ArticlePublished, ArticleUnpublished, ArticleUpdated } from './article';
import { ArticleStateChanged, ArticleStateDeleted } from './article-state';
import { ArticleViewed } from './article-view';
import { CampaignClosed, CampaignFinished, CampaignOpened, CampaignUpdated } from './campaign';
import type { EventDefinition } from './event-definition';

export * from './event-definition';
export * from './article';
export * from './article-view';
export * from './article-state';
export * from './application';
export * from './campaign';

/** Every event type the platform produces: the source of the AsyncAPI catalogue. */
export const EVENT_CATALOGUE: readonly EventDefinition[] = [
  ArticlePublished,
  ArticleUpdated,
  ArticleUnpublished,
  ArticleDeleted,
  ArticleViewed,
  ArticleStateChanged,
  ArticleStateDeleted,
  ApplicationSubmitted,
  ApplicationApproved,
  ApplicationRejected,
  ApplicationWithdrawn,
  CampaignOpened,
  CampaignUpdated,
  CampaignClosed,
  CampaignFinished,
];

export function eventsOnTopic(topic: string): EventDefinition[] {
  return EVENT_CATALOGUE.filter((e) => e.topic === topic);
}
