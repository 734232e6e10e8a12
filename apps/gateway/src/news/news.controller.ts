import {
  articleIdParamsSchema,
  articleListQuerySchema,
  commentListQuerySchema,
  createCommentBodySchema,
  latestQuerySchema,
  Patterns,
  readQuerySchema,
  slugParamsSchema,
  type ArticleListQuery,
  type CreateCommentBody,
  type LatestQuery,
  type Page,
  type PublicArticle,
  type PublicArticleSummary,
  type PublicComment,
} from '@birgemiz/contracts';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ReadCacheService } from '../cache/read-cache.service';
import { z } from 'zod';
import { ServicesClient } from '../clients/services-client';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { openApiSchema } from '../http/openapi';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { RateLimiterService } from '../rate-limit/rate-limiter.service';
import { requestedLocale } from './locale';
import { newsCacheKeys } from './news-cache-keys';
import { ViewEventsEmitter } from './view-events.emitter';

type ReadQuery = z.infer<typeof readQuerySchema>;

/** Public news routes (no sign-in). Locale: `?locale=` or Accept-Language; the answer names the locale served. */
@ApiTags('news')
@Controller('news')
export class NewsController {
  constructor(
    private readonly services: ServicesClient,
    private readonly views: ViewEventsEmitter,
    private readonly rateLimiter: RateLimiterService,
    private readonly cache: ReadCacheService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get('latest')
  @ApiOperation({ summary: 'Latest published news (the site’s "Last news").' })
  latest(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query(new ZodValidationPipe(latestQuerySchema, 'query')) query: LatestQuery,
  ): Promise<PublicArticleSummary[]> {
    const locale = requestedLocale(request, query.locale);
    return this.cached(request, reply, newsCacheKeys.latest(locale, query.limit), () => this.services.request(Patterns.news.articlesLatest, { locale, query }));
  }

  @Get('articles')
  @ApiOperation({ summary: 'Published articles, newest first, with filters (tag, region, from, to, hasLocale) and pagination.' })
  list(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query(new ZodValidationPipe(articleListQuerySchema, 'query')) query: ArticleListQuery,
  ): Promise<Page<PublicArticleSummary>> {
    const locale = requestedLocale(request, query.locale);
    const key = `list:${locale}:${JSON.stringify(query, Object.keys(query).sort())}`;
    return this.cached(request, reply, key, () => this.services.request(Patterns.news.articlesList, { locale, query }));
  }

  @Get('articles/by-slug/:slug')
  @ApiOperation({ summary: 'One published article by its slug in any locale; counts a view.' })
  async bySlug(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param(new ZodValidationPipe(slugParamsSchema, 'params')) params: { slug: string },
    @Query(new ZodValidationPipe(readQuerySchema, 'query')) query: ReadQuery,
  ): Promise<PublicArticle> {
    return this.read(request, reply, { slug: params.slug }, query);
  }

  @Get('articles/:id')
  @ApiOperation({ summary: 'One published article by id, in the best available locale; counts a view.' })
  async byId(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param(new ZodValidationPipe(articleIdParamsSchema, 'params')) params: { id: string },
    @Query(new ZodValidationPipe(readQuerySchema, 'query')) query: ReadQuery,
  ): Promise<PublicArticle> {
    return this.read(request, reply, { articleId: params.id }, query);
  }

  @Get('articles/:id/comments')
  @ApiOperation({ summary: 'Approved comments of an article.' })
  comments(
    @Param(new ZodValidationPipe(articleIdParamsSchema, 'params')) params: { id: string },
    @Query(new ZodValidationPipe(commentListQuerySchema, 'query')) query: z.infer<typeof commentListQuerySchema>,
  ): Promise<Page<PublicComment>> {
    return this.services.request(Patterns.news.commentsList, { articleId: params.id, query });
  }

  @Post('articles/:id/comments')
  @HttpCode(202)
  @ApiOperation({ summary: 'Post a comment; it waits for moderation. Plain text: HTML and links are neutralised.' })
  @ApiBody({ schema: openApiSchema(createCommentBodySchema) })
  async comment(
    @Req() request: FastifyRequest,
    @Param(new ZodValidationPipe(articleIdParamsSchema, 'params')) params: { id: string },
    @Body(new ZodValidationPipe(createCommentBodySchema, 'body')) body: CreateCommentBody,
  ): Promise<{ id: string; status: 'pending' }> {
    await this.rateLimiter.hit([
      { scope: 'comment:ip:min', subject: request.ip, limit: this.config.COMMENT_RATE_LIMIT_PER_MINUTE, windowSeconds: 60 },
      { scope: 'comment:ip:hour', subject: request.ip, limit: this.config.COMMENT_RATE_LIMIT_PER_MINUTE * 10, windowSeconds: 3600 },
    ]);
    return this.services.request(Patterns.news.commentsCreate, { articleId: params.id, comment: body, clientKey: request.ip });
  }

  /** One article, from the cache when possible; every read counts a view, cached or not. */
  private async read(request: FastifyRequest, reply: FastifyReply, ref: { articleId?: string; slug?: string }, query: ReadQuery): Promise<PublicArticle> {
    const locale = requestedLocale(request, query.locale);
    const key = newsCacheKeys.article(ref, locale);
    const article = await this.cached(request, reply, key, () => this.services.request<PublicArticle>(Patterns.news.articlesRead, { locale, ...ref }));
    this.views.viewed(article.id, article.locale);
    return article;
  }

  /**
   * Cached public reads say whether they were served from the cache (`x-cache: hit|miss|bypass`); a request with
   * `Cache-Control: no-cache` is answered by the service (HTTP semantics: the client asks for a fresh answer).
   */
  private async cached<T>(request: FastifyRequest, reply: FastifyReply, key: string, load: () => Promise<T>): Promise<T> {
    if (/\bno-cache\b/i.test(String(request.headers['cache-control'] ?? ''))) {
      reply.header('x-cache', 'bypass');
      return load();
    }
    const { value, hit } = await this.cache.getOrLoad('news', key, load);
    reply.header('x-cache', hit ? 'hit' : 'miss');
    return value;
  }
}
