import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ArticleChange } from '../documents/search-document';
import { SEARCH_ENGINE, type SearchEngine } from '../engines/search-engine';
import { IndexStateRepository } from './index-state.repository';

export type ApplyOutcome = 'applied' | 'stale';

/**
 * The one write path into the index (events, drift repair): under the article's version lock, a change older
 * than what the scope holds is ignored, an equal one is re-applied (idempotent), a newer one replaces the
 * article's documents and records the version. A removal leaves a tombstone version, so a late older event
 * cannot bring the article back.
 */
@Injectable()
export class IndexWriterService {
  private readonly logger = new Logger(IndexWriterService.name);

  constructor(
    private readonly state: IndexStateRepository,
    @Inject(SEARCH_ENGINE) private readonly engine: SearchEngine,
  ) {}

  apply(change: ArticleChange): Promise<ApplyOutcome> {
    return this.state.withArticleLock(change.scope, change.articleId, async (tx, held) => {
      if (held && held.version > change.version) {
        this.logger.debug({ msg: 'stale change ignored', ...summary(change), held: held.version });
        return 'stale';
      }
      await this.engine.replace(change.scope, change.articleId, change.documents ?? [], tx);
      await this.state.setVersion(tx, change.scope, change.articleId, change.version, change.documents === null);
      return 'applied';
    });
  }
}

function summary(change: ArticleChange) {
  return { scope: change.scope, articleId: change.articleId, version: change.version, removed: change.documents === null };
}
