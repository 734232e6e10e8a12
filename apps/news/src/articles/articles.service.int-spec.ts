import { ArticlePublished, ArticleStateChanged, type StaffActor } from '@birgemiz/contracts';
import { OutboxRepository, pgPoolOf } from '@birgemiz/database';
import { DomainError, ErrorCode } from '@birgemiz/errors';
import { cloneTemplateDatabase, templateDatabase } from '@birgemiz/testing';
import { Global, Module, type INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { newsDataSourceOptions } from '../database/data-source';
import { NEWS_OUTBOX, OutboxRelayService } from '../outbox/outbox.module';
import { ArticlesRepository } from './articles.repository';
import { ArticlesService } from './articles.service';
import { PublicArticlesService } from './public-articles.service';

const editor: StaffActor = { id: randomUUID(), role: 'editor' };
const ru = { title: 'Волонтёры Астаны', summary: 'Кратко', body: 'Текст' };

describe('ArticlesService transactions (real PostgreSQL)', () => {
  let app: INestApplicationContext;
  let database: Awaited<ReturnType<typeof cloneTemplateDatabase>>;
  let service: ArticlesService;
  let dataSource: DataSource;
  let notified = 0;

  beforeAll(async () => {
    database = await cloneTemplateDatabase(templateDatabase());
    // The relay's Kafka side is not under test here: a stand-in records the wake-up calls.
    @Global()
    @Module({
      providers: [
        { provide: NEWS_OUTBOX, inject: [getDataSourceToken()], useFactory: (ds: DataSource) => new OutboxRepository(ds, 'news') },
        { provide: OutboxRelayService, useValue: { notify: () => (notified += 1) } },
      ],
      exports: [NEWS_OUTBOX, OutboxRelayService],
    })
    class OutboxStandIn {}
    const moduleRef = await Test.createTestingModule({
      imports: [TypeOrmModule.forRoot(newsDataSourceOptions(database.url, 4)), OutboxStandIn],
      providers: [ArticlesRepository, ArticlesService, PublicArticlesService],
    }).compile();
    app = await moduleRef.init();
    service = app.get(ArticlesService);
    dataSource = app.get(getDataSourceToken());
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  async function outboxTypes(articleId: string): Promise<string[]> {
    const rows: { type: string }[] = await dataSource.query(
      `SELECT event->>'type' AS type FROM news.outbox_events WHERE key = $1 ORDER BY seq`,
      [articleId],
    );
    return rows.map((r) => r.type);
  }

  it('writes the article, its revision and its events in one transaction', async () => {
    const article = await service.create(editor, { region: null, tags: [], coverImageUrl: null, translations: { ru } });
    const published = await service.publish(editor, article.id, { expectedVersion: 1 });
    expect(published.version).toBe(2);
    expect(await outboxTypes(article.id)).toEqual([ArticleStateChanged.type, ArticlePublished.type, ArticleStateChanged.type]);
    expect(notified).toBeGreaterThanOrEqual(2);
  });

  it('a failed change stores nothing and emits nothing', async () => {
    const first = await service.create(editor, { region: null, tags: [], coverImageUrl: null, translations: { ru: { ...ru, slug: 'taken-slug' } } });
    const before = (await dataSource.query(`SELECT count(*)::int AS n FROM news.outbox_events`))[0].n;
    const articlesBefore = (await dataSource.query(`SELECT count(*)::int AS n FROM news.articles`))[0].n;
    const error = await service
      .create(editor, { region: null, tags: [], coverImageUrl: null, translations: { ru: { ...ru, slug: 'taken-slug' } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(ErrorCode.Conflict);
    expect((await dataSource.query(`SELECT count(*)::int AS n FROM news.outbox_events`))[0].n).toBe(before);
    expect((await dataSource.query(`SELECT count(*)::int AS n FROM news.articles`))[0].n).toBe(articlesBefore);

    const stale = await service.publish(editor, first.id, { expectedVersion: 7 }).catch((e: unknown) => e);
    expect((stale as DomainError).code).toBe(ErrorCode.Conflict);
    expect(await outboxTypes(first.id)).toEqual([ArticleStateChanged.type]);
  });

  it('two concurrent edits from the same version: one wins, the other gets CONFLICT', async () => {
    const article = await service.create(editor, { region: null, tags: [], coverImageUrl: null, translations: { ru } });
    const results = await Promise.allSettled([
      service.update(editor, article.id, { expectedVersion: 1, tags: ['a'] }),
      service.update(editor, article.id, { expectedVersion: 1, tags: ['b'] }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((rejected.reason as DomainError).code).toBe(ErrorCode.Conflict);
  });

  it('publishes a due schedule exactly once even when two publishers race', async () => {
    const article = await service.create(editor, { region: null, tags: [], coverImageUrl: null, translations: { ru } });
    await service.schedule(editor, article.id, { publishAt: new Date(Date.now() + 1_000).toISOString() });
    await new Promise((r) => setTimeout(r, 1_100));
    const counts = await Promise.all([service.publishDue(), service.publishDue(), service.publishDue()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect((await outboxTypes(article.id)).filter((t) => t === ArticlePublished.type)).toHaveLength(1);
  });

  it('answers concurrent public reads (one shared statement) each with its own article, unpublished and unknown ones 404', async () => {
    const publicArticles = app.get(PublicArticlesService);
    const titles = ['Бірінші жаңалық', 'Екінші жаңалық', 'Үшінші жаңалық'];
    const ids: string[] = [];
    for (const title of titles) {
      const article = await service.create(editor, { region: null, tags: [], coverImageUrl: null, translations: { 'kk-Cyrl': { title, summary: 'Қысқаша', body: 'Мәтін' } } });
      await service.publish(editor, article.id, { expectedVersion: 1 });
      ids.push(article.id);
    }
    const draft = await service.create(editor, { region: null, tags: [], coverImageUrl: null, translations: { ru } });
    // The read statement goes to the pg pool directly (a prepared statement): count what reaches the pool.
    const pool = pgPoolOf(dataSource) as unknown as { query: (...args: unknown[]) => Promise<unknown> };
    const statements: unknown[] = [];
    const originalQuery = pool.query.bind(pool);
    const spy = jest.spyOn(pool, 'query').mockImplementation((...args: unknown[]) => {
      statements.push(args[0]);
      return originalQuery(...args);
    });
    try {
      const reads = await Promise.allSettled([
        ...ids.map((id) => publicArticles.read('kk-Latn', { articleId: id })),
        publicArticles.read('kk-Latn', { articleId: ids[1] }),
        publicArticles.read('ru', { articleId: draft.id }),
        publicArticles.read('ru', { articleId: randomUUID() }),
      ]);
      const answered = reads.slice(0, 4).map((r) => (r.status === 'fulfilled' ? r.value : null));
      expect(answered.map((a) => a?.id)).toEqual([...ids, ids[1]]);
      expect(answered.map((a) => a?.title)).toEqual(['Bırınşı jañalyq', 'Ekınşı jañalyq', 'Üşınşı jañalyq', 'Ekınşı jañalyq']);
      for (const missing of reads.slice(4)) {
        expect(missing.status).toBe('rejected');
        expect(((missing as PromiseRejectedResult).reason as DomainError).code).toBe(ErrorCode.NotFound);
      }
      expect(statements).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  });
});
