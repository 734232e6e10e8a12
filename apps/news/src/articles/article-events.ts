import {
  ArticleStateChanged,
  ArticleStateDeleted,
  ArticleDeleted,
  ArticlePublished,
  ArticleUnpublished,
  ArticleUpdated,
  type EventDefinition,
} from '@birgemiz/contracts';
import type { NewOutboxEvent } from '@birgemiz/database';
import { outboxEventOf } from '@birgemiz/messaging';
import { deriveStatus, publicFingerprint, publishedTranslations, removedPayload, snapshotPayload } from './article-model';
import type { ArticleEntity } from './entities/article.entity';

/** The outbox row announcing `definition` for the article: its payload validated, keyed by the article id. */
export function outboxEvent(definition: EventDefinition, article: ArticleEntity): NewOutboxEvent {
  return outboxEventOf(definition, article.id, payloadFor(definition, article));
}

export interface PublicState {
  isPublic: boolean;
  locales: Set<string>;
  fingerprint: string;
}

export function publicState(article: ArticleEntity): PublicState {
  const published = publishedTranslations(article);
  return { isPublic: published.length > 0, locales: new Set(published.map((t) => t.locale)), fingerprint: publicFingerprint(article) };
}

/**
 * Which event (if any) announces the change from `before` to the article's state now:
 * went live or gained a live locale → published; live content changed → updated; nothing live any more → unpublished.
 */
export function eventForChange(before: PublicState, article: ArticleEntity): EventDefinition | null {
  const after = publicState(article);
  if (!before.isPublic && after.isPublic) return ArticlePublished;
  if (before.isPublic && !after.isPublic) return ArticleUnpublished;
  if (!after.isPublic) return null;
  if ([...after.locales].some((l) => !before.locales.has(l))) return ArticlePublished;
  if (after.fingerprint !== before.fingerprint) return ArticleUpdated;
  return null;
}

function payloadFor(definition: EventDefinition, article: ArticleEntity): unknown {
  if (definition === ArticleUnpublished || definition === ArticleDeleted || definition === ArticleStateDeleted) return removedPayload(article);
  if (definition === ArticleStateChanged) return statePayload(article);
  return snapshotPayload(article);
}

/** Every translation with its status: the internal state event for the staff archive. */
export function statePayload(article: ArticleEntity) {
  return {
    ...snapshotPayload(article),
    status: deriveStatus(article),
    translations: article.translations.map((t) => ({
      locale: t.locale,
      title: t.title,
      summary: t.summary,
      body: t.body,
      slug: t.slug,
      status: t.status,
      publishedAt: t.publishedAt?.toISOString() ?? null,
      machineTranslated: t.machineTranslated,
    })),
  };
}
