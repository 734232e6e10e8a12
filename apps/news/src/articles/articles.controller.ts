import {
  articleCommandSchema,
  articleExportRequestSchema,
  articleListQuerySchema,
  createArticleBodySchema,
  latestQuerySchema,
  localeSchema,
  Patterns,
  publicReadRequestSchema,
  publishBodySchema,
  scheduleBodySchema,
  staffActorSchema,
  staffListQuerySchema,
  transliterateBodySchema,
  updateArticleBodySchema,
  versionBodySchema,
} from '@birgemiz/contracts';
import { parseRpc } from '@birgemiz/messaging';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { z } from 'zod';
import { ArticlesService } from './articles.service';
import { PublicArticlesService } from './public-articles.service';

const localeQuery = <T extends z.ZodTypeAny>(query: T) => z.object({ locale: localeSchema, query }).strict();
const actorOnly = z.object({ actor: staffActorSchema }).strict();
const actorAndId = z.object({ actor: staffActorSchema, articleId: z.string().uuid() }).strict();
const restoreSchema = z
  .object({ actor: staffActorSchema, articleId: z.string().uuid(), version: z.number().int().positive(), expectedVersion: z.number().int().positive() })
  .strict();

/** Request-reply handlers for articles: validate, delegate, return. */
@Controller()
export class ArticlesController {
  constructor(
    private readonly publicArticles: PublicArticlesService,
    private readonly articles: ArticlesService,
  ) {}

  @MessagePattern(Patterns.news.articlesLatest)
  latest(@Payload() payload: unknown) {
    const { locale, query } = parseRpc(localeQuery(latestQuerySchema), payload);
    return this.publicArticles.latest(locale, query);
  }

  @MessagePattern(Patterns.news.articlesList)
  list(@Payload() payload: unknown) {
    const { locale, query } = parseRpc(localeQuery(articleListQuerySchema), payload, 'query');
    return this.publicArticles.list(locale, query);
  }

  @MessagePattern(Patterns.news.articlesRead)
  read(@Payload() payload: unknown) {
    const request = parseRpc(publicReadRequestSchema, payload, 'params');
    return this.publicArticles.read(request.locale, request);
  }

  @MessagePattern(Patterns.news.articlesCreate)
  create(@Payload() payload: unknown) {
    const { actor, body } = parseRpc(z.object({ actor: staffActorSchema, body: createArticleBodySchema }).strict(), payload);
    return this.articles.create(actor, body);
  }

  @MessagePattern(Patterns.news.articlesUpdate)
  update(@Payload() payload: unknown) {
    const { actor, articleId, body } = parseRpc(articleCommandSchema(updateArticleBodySchema), payload);
    return this.articles.update(actor, articleId, body);
  }

  @MessagePattern(Patterns.news.articlesPublish)
  publish(@Payload() payload: unknown) {
    const { actor, articleId, body } = parseRpc(articleCommandSchema(publishBodySchema), payload);
    return this.articles.publish(actor, articleId, body);
  }

  @MessagePattern(Patterns.news.articlesUnpublish)
  unpublish(@Payload() payload: unknown) {
    const { actor, articleId, body } = parseRpc(articleCommandSchema(publishBodySchema), payload);
    return this.articles.unpublish(actor, articleId, body);
  }

  @MessagePattern(Patterns.news.articlesSchedule)
  schedule(@Payload() payload: unknown) {
    const { actor, articleId, body } = parseRpc(articleCommandSchema(scheduleBodySchema), payload);
    return this.articles.schedule(actor, articleId, body);
  }

  @MessagePattern(Patterns.news.articlesArchive)
  archive(@Payload() payload: unknown) {
    const { actor, articleId, body } = parseRpc(articleCommandSchema(versionBodySchema), payload);
    return this.articles.archive(actor, articleId, body.expectedVersion);
  }

  @MessagePattern(Patterns.news.articlesDelete)
  delete(@Payload() payload: unknown) {
    const { actor, articleId, body } = parseRpc(articleCommandSchema(versionBodySchema), payload);
    return this.articles.delete(actor, articleId, body.expectedVersion);
  }

  @MessagePattern(Patterns.news.articlesTransliterate)
  transliterate(@Payload() payload: unknown) {
    const { actor, articleId, body } = parseRpc(articleCommandSchema(transliterateBodySchema), payload);
    return this.articles.transliterate(actor, articleId, body);
  }

  @MessagePattern(Patterns.news.articlesStaffGet)
  staffGet(@Payload() payload: unknown) {
    const { actor, articleId } = parseRpc(actorAndId, payload, 'params');
    return this.articles.staffGet(actor, articleId);
  }

  @MessagePattern(Patterns.news.articlesStaffList)
  staffList(@Payload() payload: unknown) {
    const { actor, query } = parseRpc(z.object({ actor: staffActorSchema, query: staffListQuerySchema }).strict(), payload, 'query');
    return this.articles.staffList(actor, query);
  }

  @MessagePattern(Patterns.news.articlesReplay)
  replay(@Payload() payload: unknown) {
    return this.articles.replay(parseRpc(actorOnly, payload).actor);
  }

  @MessagePattern(Patterns.news.articlesExport)
  export(@Payload() payload: unknown) {
    const { afterId, limit } = parseRpc(articleExportRequestSchema, payload);
    return this.articles.export(afterId, limit);
  }

  @MessagePattern(Patterns.news.revisionsList)
  revisions(@Payload() payload: unknown) {
    const { actor, articleId } = parseRpc(actorAndId, payload, 'params');
    return this.articles.revisions(actor, articleId);
  }

  @MessagePattern(Patterns.news.revisionsRestore)
  restore(@Payload() payload: unknown) {
    const { actor, articleId, version, expectedVersion } = parseRpc(restoreSchema, payload);
    return this.articles.restore(actor, articleId, version, expectedVersion);
  }
}
