import {
  ArticleDeleted,
  ArticlePublished,
  ArticleStateChanged,
  ArticleStateDeleted,
  ArticleUnpublished,
  type ArticleExportPage,
  type ContentLocale,
  type CreateArticleBody,
  type Page,
  type PublishBody,
  type RevisionSummary,
  type ScheduleBody,
  type StaffActor,
  type StaffArticle,
  type StaffListQuery,
  type TranslationInput,
  type TransliterateBody,
  type UpdateArticleBody,
} from '@birgemiz/contracts';
import type { OutboxRepository } from '@birgemiz/database';
import { DomainError, ErrorCode } from '@birgemiz/errors';
import { convertScript } from '@birgemiz/locales';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { NEWS_OUTBOX, OutboxRelayService } from '../outbox/outbox.module';
import { eventForChange, outboxEvent, publicState, statePayload } from './article-events';
import { deriveStatus, revisionSnapshot, toStaffArticle } from './article-model';
import { ArticlesRepository } from './articles.repository';
import type { ArticleTranslationEntity } from './entities/article-translation.entity';
import { ArticleEntity } from './entities/article.entity';
import { slugCandidates, slugify } from './slugs';

const EDIT_ROLES = ['admin', 'editor'] as const;

/**
 * Staff commands on articles. Each runs in one transaction that locks the article, checks the expected version,
 * applies the change, bumps the version, records a revision and writes the announcing event to the outbox —
 * so a state change and its event commit (or fail) together.
 */
@Injectable()
export class ArticlesService {
  private readonly logger = new Logger(ArticlesService.name);

  constructor(
    private readonly articles: ArticlesRepository,
    @Inject(NEWS_OUTBOX) private readonly outbox: OutboxRepository,
    private readonly relay: OutboxRelayService,
  ) {}

  async create(actor: StaffActor, body: CreateArticleBody): Promise<StaffArticle> {
    requireEditor(actor);
    const now = new Date();
    const article = Object.assign(new ArticleEntity(), {
      id: randomUUID(),
      status: 'draft' as const,
      version: 1,
      region: body.region,
      tags: dedupe(body.tags),
      coverImageUrl: body.coverImageUrl,
      authorId: actor.id,
      scheduledAt: null,
      scheduledLocales: [],
      firstPublishedAt: null,
      viewCount: 0,
      commentCount: 0,
      createdAt: now,
      updatedAt: now,
      translations: [] as ArticleTranslationEntity[],
    });
    return this.write(async (tx) => {
      await this.articles.insertArticle(tx, article);
      for (const [locale, input] of entries(body.translations)) {
        await this.putTranslation(tx, article, locale, input, now);
      }
      await this.articles.addRevision(tx, { articleId: article.id, version: 1, action: 'create', authorId: actor.id, snapshot: revisionSnapshot(article) });
      await this.outbox.add(tx, [outboxEvent(ArticleStateChanged, article)]);
      this.logger.log({ msg: 'article created', articleId: article.id, by: actor.id });
      return toStaffArticle(article);
    });
  }

  update(actor: StaffActor, id: string, body: UpdateArticleBody): Promise<StaffArticle> {
    requireEditor(actor);
    return this.change(actor, id, body.expectedVersion, 'update', async (tx, article, now) => {
      if (body.region !== undefined) article.region = body.region;
      if (body.tags !== undefined) article.tags = dedupe(body.tags);
      if (body.coverImageUrl !== undefined) article.coverImageUrl = body.coverImageUrl;
      for (const [locale, input] of Object.entries(body.translations ?? {}) as [ContentLocale, TranslationInput | null][]) {
        if (input === null) {
          await this.articles.deleteTranslation(tx, id, locale);
          article.translations = article.translations.filter((t) => t.locale !== locale);
        } else {
          await this.putTranslation(tx, article, locale, input, now);
        }
      }
      if (article.translations.length === 0) {
        throw validation('body.translations', 'at_least_one_translation');
      }
    });
  }

  publish(actor: StaffActor, id: string, body: PublishBody): Promise<StaffArticle> {
    requireEditor(actor);
    return this.change(actor, id, body.expectedVersion, 'publish', async (tx, article, now) => {
      this.publishLocales(article, body.locales, now);
      await this.saveTranslations(tx, article);
    });
  }

  unpublish(actor: StaffActor, id: string, body: PublishBody): Promise<StaffArticle> {
    requireEditor(actor);
    return this.change(actor, id, body.expectedVersion, 'unpublish', async (tx, article, now) => {
      const locales = this.localesOf(article, body.locales);
      for (const t of article.translations) {
        if (locales.includes(t.locale) && t.status === 'published') Object.assign(t, { status: 'unpublished', updatedAt: now });
      }
      await this.saveTranslations(tx, article);
    });
  }

  schedule(actor: StaffActor, id: string, body: ScheduleBody): Promise<StaffArticle> {
    requireEditor(actor);
    const publishAt = new Date(body.publishAt);
    if (publishAt.getTime() < Date.now() - 5_000) throw validation('body.publishAt', 'date_in_past');
    if (publishAt.getTime() > Date.now() + 366 * 86_400_000) throw validation('body.publishAt', 'too_big');
    return this.change(actor, id, body.expectedVersion, 'schedule', async (_tx, article) => {
      if (article.status === 'archived') article.status = 'draft';
      article.scheduledAt = publishAt;
      article.scheduledLocales = this.localesOf(article, body.locales);
    });
  }

  archive(actor: StaffActor, id: string, expectedVersion?: number): Promise<StaffArticle> {
    requireEditor(actor);
    return this.change(actor, id, expectedVersion, 'archive', async (tx, article, now) => {
      for (const t of article.translations) if (t.status === 'published') Object.assign(t, { status: 'unpublished', updatedAt: now });
      article.scheduledAt = null;
      article.scheduledLocales = [];
      article.status = 'archived';
      await this.saveTranslations(tx, article);
    });
  }

  async delete(actor: StaffActor, id: string, expectedVersion?: number): Promise<{ deleted: true }> {
    requireEditor(actor);
    await this.write(async (tx) => {
      const article = await this.lock(tx, id, expectedVersion);
      await this.articles.deleteArticle(tx, id);
      article.version += 1;
      await this.outbox.add(tx, [
        ...(article.firstPublishedAt ? [outboxEvent(ArticleDeleted, article)] : []),
        outboxEvent(ArticleStateDeleted, article),
      ]);
      this.logger.log({ msg: 'article deleted', articleId: id, by: actor.id });
    });
    return { deleted: true };
  }

  /** Produces one Kazakh script's translation from the other, flagged machine-made until an editor saves it. */
  transliterate(actor: StaffActor, id: string, body: TransliterateBody): Promise<StaffArticle> {
    requireEditor(actor);
    return this.change(actor, id, body.expectedVersion, `transliterate:${body.from}>${body.to}`, async (tx, article, now) => {
      const source = article.translations.find((t) => t.locale === body.from);
      if (!source) throw validation('body.from', 'translation_missing');
      const convert = (text: string) => convertScript(text, body.from, body.to);
      await this.putTranslation(
        tx,
        article,
        body.to,
        { title: convert(source.title), summary: convert(source.summary), body: convert(source.body), slug: undefined },
        now,
        true,
      );
    });
  }

  async staffGet(actor: StaffActor, id: string): Promise<StaffArticle> {
    requireEditor(actor);
    const article = await this.articles.findWithTranslations(id);
    if (!article) throw new DomainError(ErrorCode.NotFound, 'article not found');
    return toStaffArticle(article);
  }

  async staffList(actor: StaffActor, query: StaffListQuery): Promise<Page<StaffArticle>> {
    requireEditor(actor);
    const [items, total] = await this.articles.staffPage(query.status, (query.page - 1) * query.pageSize, query.pageSize);
    return { items: items.map(toStaffArticle), page: query.page, pageSize: query.pageSize, total };
  }

  async revisions(actor: StaffActor, id: string): Promise<RevisionSummary[]> {
    requireEditor(actor);
    const revisions = await this.articles.listRevisions(id);
    if (revisions.length === 0) throw new DomainError(ErrorCode.NotFound, 'article not found');
    return revisions.map((r) => ({ version: r.version, authorId: r.authorId, createdAt: r.createdAt.toISOString(), action: r.action }));
  }

  /** Brings back the text and meta of an earlier version as a new version (publication state is kept). */
  restore(actor: StaffActor, id: string, version: number, expectedVersion: number): Promise<StaffArticle> {
    requireEditor(actor);
    return this.change(actor, id, expectedVersion, `restore:${version}`, async (tx, article, now) => {
      const revision = await this.articles.findRevision(tx, id, version);
      if (!revision) throw new DomainError(ErrorCode.NotFound, 'revision not found');
      const snapshot = revision.snapshot as {
        region: ArticleEntity['region'];
        tags: string[];
        coverImageUrl: string | null;
        translations: Record<ContentLocale, TranslationInput & { slug: string; machineTranslated: boolean }>;
      };
      Object.assign(article, { region: snapshot.region, tags: snapshot.tags, coverImageUrl: snapshot.coverImageUrl });
      for (const t of [...article.translations]) {
        if (!snapshot.translations[t.locale]) {
          await this.articles.deleteTranslation(tx, id, t.locale);
          article.translations = article.translations.filter((x) => x !== t);
        }
      }
      for (const [locale, text] of entries(snapshot.translations)) {
        await this.putTranslation(tx, article, locale, text, now, text.machineTranslated);
      }
    });
  }

  /** Publishes the scheduled locales of articles whose time has come; exactly once across instances. */
  async publishDue(limit = 20): Promise<number> {
    const published = await this.write(async (tx) => {
      const ids = await this.articles.lockDueScheduled(tx, limit);
      for (const id of ids) {
        const article = (await this.articles.lockWithTranslations(tx, id))!;
        const before = publicState(article);
        const now = new Date();
        this.publishLocales(article, article.scheduledLocales.length ? article.scheduledLocales : undefined, now, true);
        article.scheduledAt = null;
        article.scheduledLocales = [];
        await this.saveTranslations(tx, article);
        await this.finish(tx, article, before, 'scheduled-publish', article.authorId, now);
        this.logger.log({ msg: 'scheduled article published', articleId: id });
      }
      return ids.length;
    });
    return published;
  }

  /** Pages of every article's full state (drafts included) for services rebuilding an index. */
  async export(afterId: string | null, limit: number): Promise<ArticleExportPage> {
    const [articles, total] = await this.articles.exportPage(afterId, limit);
    return {
      items: articles.map((a) => statePayload(Object.assign(a, { status: deriveStatus(a) }))),
      nextAfterId: articles.length === limit ? articles[articles.length - 1].id : null,
      total,
    };
  }

  /** Re-announces every published article (for consumers that start late or rebuild their state). */
  async replay(actor: StaffActor): Promise<{ articles: number }> {
    if (actor.role !== 'admin') throw new DomainError(ErrorCode.Forbidden, 'requires role admin');
    let afterId: string | null = null;
    let count = 0;
    for (;;) {
      const ids = await this.articles.publishedIds(afterId, 200);
      if (ids.length === 0) break;
      await this.write(async (tx) => {
        const events = [];
        for (const id of ids) {
          const article = await this.articles.lockWithTranslations(tx, id);
          if (article && deriveStatus(article) === 'published') events.push(outboxEvent(ArticlePublished, article));
        }
        await this.outbox.add(tx, events);
        count += events.length;
      });
      afterId = ids[ids.length - 1];
    }
    this.logger.log({ msg: 'published articles replayed', count, by: actor.id });
    return { articles: count };
  }

  private async change(
    actor: StaffActor,
    id: string,
    expectedVersion: number | undefined,
    action: string,
    apply: (tx: EntityManager, article: ArticleEntity, now: Date) => Promise<void>,
  ): Promise<StaffArticle> {
    return this.write(async (tx) => {
      const article = await this.lock(tx, id, expectedVersion);
      const before = publicState(article);
      const now = new Date();
      await apply(tx, article, now);
      await this.finish(tx, article, before, action, actor.id, now);
      return toStaffArticle(article);
    });
  }

  private async finish(tx: EntityManager, article: ArticleEntity, before: ReturnType<typeof publicState>, action: string, authorId: string, now: Date): Promise<void> {
    // Archived stays archived until a publish or schedule takes it out (they reset the status first).
    if (article.status !== 'archived') article.status = deriveStatus(article);
    if (article.status === 'published' && !article.firstPublishedAt) article.firstPublishedAt = now;
    article.version += 1;
    article.updatedAt = now;
    await this.articles.saveArticle(tx, article);
    await this.articles.addRevision(tx, { articleId: article.id, version: article.version, action, authorId, snapshot: revisionSnapshot(article) });
    const definition = eventForChange(before, article);
    await this.outbox.add(tx, [...(definition ? [outboxEvent(definition, article)] : []), outboxEvent(ArticleStateChanged, article)]);
    if (definition === ArticleUnpublished) this.logger.log({ msg: 'article left the public site', articleId: article.id });
  }

  private async lock(tx: EntityManager, id: string, expectedVersion: number | undefined): Promise<ArticleEntity> {
    const article = await this.articles.lockWithTranslations(tx, id);
    if (!article) throw new DomainError(ErrorCode.NotFound, 'article not found');
    if (expectedVersion !== undefined && expectedVersion !== article.version) {
      throw new DomainError(ErrorCode.Conflict, `article is at version ${article.version}, not ${expectedVersion}`, {
        meta: { currentVersion: article.version },
        issues: [{ path: 'body.expectedVersion', reason: 'stale_version' }],
      });
    }
    return article;
  }

  private publishLocales(article: ArticleEntity, requested: ContentLocale[] | undefined, now: Date, skipMissing = false): void {
    const locales = skipMissing ? (requested ?? article.translations.map((t) => t.locale)).filter((l) => article.translations.some((t) => t.locale === l)) : this.localesOf(article, requested);
    if (article.status === 'archived') article.status = 'draft';
    for (const t of article.translations) {
      if (locales.includes(t.locale) && t.status !== 'published') Object.assign(t, { status: 'published', publishedAt: now, updatedAt: now });
    }
    if (article.scheduledLocales.length && locales.length) {
      article.scheduledLocales = article.scheduledLocales.filter((l) => !locales.includes(l));
      if (article.scheduledLocales.length === 0) article.scheduledAt = null;
    }
  }

  private localesOf(article: ArticleEntity, requested: ContentLocale[] | undefined): ContentLocale[] {
    if (!requested) return article.translations.map((t) => t.locale);
    const missing = requested.filter((l) => !article.translations.some((t) => t.locale === l));
    if (missing.length) throw validation('body.locales', 'translation_missing', `no translation in ${missing.join(', ')}`);
    return [...new Set(requested)];
  }

  private async saveTranslations(tx: EntityManager, article: ArticleEntity): Promise<void> {
    for (const t of article.translations) await this.articles.upsertTranslation(tx, t);
  }

  /** Adds or replaces one translation; the slug is kept, given explicitly, or made from the title (first free). */
  private async putTranslation(
    tx: EntityManager,
    article: ArticleEntity,
    locale: ContentLocale,
    input: TranslationInput,
    now: Date,
    machineTranslated = false,
  ): Promise<void> {
    const existing = article.translations.find((t) => t.locale === locale);
    let slug: string;
    if (input.slug) {
      if ((await this.articles.takenSlugs(tx, locale, [input.slug], article.id)).size > 0) {
        throw new DomainError(ErrorCode.Conflict, `slug ${input.slug} is taken in ${locale}`, {
          issues: [{ path: `body.translations.${locale}.slug`, reason: 'slug_taken' }],
        });
      }
      slug = input.slug;
    } else if (existing && (existing.status !== 'draft' || existing.title === input.title)) {
      slug = existing.slug;
    } else {
      const candidates = slugCandidates(slugify(input.title, locale));
      const taken = await this.articles.takenSlugs(tx, locale, candidates, article.id);
      slug = candidates.find((c) => !taken.has(c)) ?? `${candidates[0]}-${randomUUID().slice(0, 8)}`;
    }
    const translation: ArticleTranslationEntity = Object.assign(existing ?? ({} as ArticleTranslationEntity), {
      articleId: article.id,
      locale,
      title: input.title,
      summary: input.summary ?? '',
      body: input.body ?? '',
      slug,
      status: existing?.status ?? 'draft',
      machineTranslated,
      publishedAt: existing?.publishedAt ?? null,
      updatedAt: now,
    });
    if (!existing) article.translations.push(translation);
    await this.articles.upsertTranslation(tx, translation);
  }

  private async write<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    try {
      const result = await this.articles.transaction(work);
      this.relay.notify();
      return result;
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new DomainError(ErrorCode.Conflict, 'a concurrent change took the same slug; try again', { cause: error });
      }
      throw error;
    }
  }
}

function requireEditor(actor: StaffActor): void {
  if (!(EDIT_ROLES as readonly string[]).includes(actor.role)) throw new DomainError(ErrorCode.Forbidden, 'requires role admin or editor');
}

function validation(path: string, reason: string, detail?: string): DomainError {
  return new DomainError(ErrorCode.ValidationFailed, detail ?? reason, { issues: [{ path, reason, detail }] });
}

function dedupe(tags: string[]): string[] {
  return [...new Set(tags)];
}

function entries<T>(record: Partial<Record<ContentLocale, T>>): [ContentLocale, T][] {
  return Object.entries(record).filter(([, v]) => v !== undefined) as [ContentLocale, T][];
}
