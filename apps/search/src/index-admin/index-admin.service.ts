import type { ArticleStatePayload, DriftReport, IndexScope, IndexStatus, RebuildProgress, RebuildStage, ScopeDrift, StaffActor } from '@birgemiz/contracts';
import { DomainError, ErrorCode } from '@birgemiz/errors';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { SEARCH_CONFIG, type SearchConfig } from '../config';
import { publicDocumentsFromState, SCOPES, staffDocuments, type ArticleChange } from '../documents/search-document';
import { SEARCH_ENGINE, type RebuildTarget, type SearchEngine } from '../engines/search-engine';
import { ArticleEventsConsumer } from '../indexing/article-events.consumer';
import { IndexStateRepository } from '../indexing/index-state.repository';
import { IndexWriterService } from '../indexing/index-writer.service';
import { NewsExportClient } from '../news/news-export.client';

const PAGE_SIZE = 250;
/**
 * Export pages a rebuild writes at once: while PostgreSQL computes one page's vectors, the service prepares the next
 * one's documents (normalised spellings, lexemes), instead of each waiting for the other.
 */
const REBUILD_PAGES_IN_FLIGHT = 2;
const META_INDEX_ID = 'index-id';
const META_BOOTSTRAPPED = 'bootstrapped-at';

function idleProgress(): RebuildProgress {
  return { state: 'idle', stage: null, startedAt: null, finishedAt: null, processed: 0, total: 0, stageSeconds: {}, error: null };
}

function emptyDrift(): ScopeDrift {
  return { expected: 0, indexed: 0, missing: 0, outdated: 0, extra: 0, repaired: 0 };
}

/**
 * Index lifecycle: start-up (engine settings, event indexer, first build of a new index), full rebuilds from the
 * news service's export into a new index with an atomic swap, and drift checks that compare the index with the
 * news service and repair it.
 */
@Injectable()
export class IndexAdminService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IndexAdminService.name);
  private progress: RebuildProgress = idleProgress();
  private rebuilding: Promise<void> | null = null;
  private lastDrift: DriftReport | null = null;
  private engineReady = false;
  private bootstrapped = false;
  private closing = false;
  private driftTimer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(SEARCH_ENGINE) private readonly engine: SearchEngine,
    @Inject(SEARCH_CONFIG) private readonly config: SearchConfig,
    private readonly state: IndexStateRepository,
    private readonly writer: IndexWriterService,
    private readonly news: NewsExportClient,
    private readonly consumer: ArticleEventsConsumer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.engine.init();
    this.engineReady = true;
    const indexId = await this.state.initMeta(META_INDEX_ID, randomUUID());
    await this.consumer.start(`birgemiz-search-indexer-${indexId.slice(0, 8)}`);
    this.bootstrapped = (await this.state.getMeta<string>(META_BOOTSTRAPPED)) !== null;
    // In the background: the service answers searches meanwhile (and news may not be up yet).
    void this.afterStart();
    const minutes = this.config.SEARCH_DRIFT_INTERVAL_MINUTES;
    if (minutes > 0) {
      this.driftTimer = setInterval(() => void this.driftCheck().catch((error) => this.logger.warn({ msg: 'drift check failed', err: error })), minutes * 60_000);
      this.driftTimer.unref();
    }
  }

  onApplicationShutdown(): void {
    this.closing = true;
    if (this.driftTimer) clearInterval(this.driftTimer);
  }

  async status(): Promise<IndexStatus> {
    const [pub, staff, pubArticles, staffArticles] = await Promise.all([
      this.engine.countDocuments('public'),
      this.engine.countDocuments('staff'),
      this.state.countArticles('public'),
      this.state.countArticles('staff'),
    ]);
    return {
      engine: this.engine.kind,
      ready: this.engineReady && this.consumer.running,
      bootstrapped: this.bootstrapped,
      documents: { public: pub, staff },
      articles: { public: pubArticles, staff: staffArticles },
      rebuild: { ...this.progress },
      lastDrift: this.lastDrift,
    };
  }

  /** Starts a full rebuild in the background; its progress is in `status().rebuild`. */
  startRebuild(actor: StaffActor): RebuildProgress {
    requireAdmin(actor);
    if (this.rebuilding) throw new DomainError(ErrorCode.Conflict, 'a rebuild is already running');
    void this.rebuild().catch(() => undefined);
    return { ...this.progress };
  }

  async checkDrift(actor: StaffActor): Promise<DriftReport> {
    requireAdmin(actor);
    return this.driftCheck();
  }

  /** Rebuilds both scopes from the news service's export into new indexes, then swaps them in. */
  rebuild(): Promise<void> {
    if (this.rebuilding) return this.rebuilding;
    this.rebuilding = this.runRebuild().finally(() => {
      this.rebuilding = null;
    });
    return this.rebuilding;
  }

  /** Compares the index with the news service (articles, versions, public visibility) and repairs differences. */
  async driftCheck(): Promise<DriftReport> {
    const startedAt = new Date();
    const held = { public: await this.state.versions('public'), staff: await this.state.versions('staff') };
    const report: DriftReport = { checkedAt: startedAt.toISOString(), public: emptyDrift(), staff: emptyDrift() };
    for (const scope of SCOPES) report[scope].indexed = [...held[scope].values()].filter((v) => !v.removed).length;
    const seen = new Set<string>();
    await this.forEachExportPage(async (items) => {
      for (const item of items) {
        seen.add(item.articleId);
        await this.compare('staff', item.articleId, item.version, staffDocuments(item), held.staff, report.staff);
        await this.compare('public', item.articleId, item.version, publicDocumentsFromState(item), held.public, report.public);
      }
    });
    for (const scope of SCOPES) {
      for (const row of held[scope].values()) {
        // Gone from the news service (and not written since the check began): remove.
        if (row.removed || seen.has(row.articleId) || row.updatedAt >= startedAt) continue;
        report[scope].extra += 1;
        await this.repair({ scope, articleId: row.articleId, version: row.version, documents: null }, report[scope]);
      }
    }
    this.lastDrift = report;
    this.logger.log({ msg: 'drift check finished', public: report.public, staff: report.staff });
    return report;
  }

  private async compare(
    scope: IndexScope,
    articleId: string,
    version: number,
    documents: ReturnType<typeof staffDocuments> | null,
    held: Awaited<ReturnType<IndexStateRepository['versions']>>,
    drift: ScopeDrift,
  ): Promise<void> {
    const row = held.get(articleId);
    const present = row !== undefined && !row.removed;
    if (documents) drift.expected += 1;
    if (documents && !present) drift.missing += 1;
    else if (!documents && present) drift.extra += 1;
    else if (row && row.version < version) drift.outdated += 1;
    else return;
    await this.repair({ scope, articleId, version, documents }, drift);
  }

  private async repair(change: ArticleChange, drift: ScopeDrift): Promise<void> {
    if ((await this.writer.apply(change)) === 'applied') drift.repaired += 1;
  }

  private async afterStart(): Promise<void> {
    for (let attempt = 1; !this.closing; attempt++) {
      try {
        if (!this.bootstrapped) await this.rebuild();
        else await this.driftCheck();
        return;
      } catch (error) {
        const delay = Math.min(1_000 * 2 ** Math.min(attempt, 5), 30_000);
        this.logger.warn({ msg: 'start-up sync with the news service failed; retrying', attempt, delay, err: error });
        await new Promise((r) => setTimeout(r, delay).unref());
      }
    }
  }

  private async runRebuild(): Promise<void> {
    this.progress = { ...idleProgress(), state: 'running', stage: 'reading', startedAt: new Date().toISOString() };
    let stageStarted = Date.now();
    const nextStage = (stage: RebuildStage | null) => {
      const finished = this.progress.stage;
      if (finished) this.progress.stageSeconds[finished] = Number(((Date.now() - stageStarted) / 1000).toFixed(1));
      this.progress.stage = stage;
      stageStarted = Date.now();
    };
    const targets: Partial<Record<IndexScope, RebuildTarget>> = {};
    try {
      for (const scope of SCOPES) {
        await this.state.clearRebuildVersions(scope);
        targets[scope] = await this.engine.beginRebuild(scope);
      }
      await this.forEachExportPage(async (items, total) => {
        const staff = items.map((item) => ({ item, docs: staffDocuments(item) }));
        const pub = items.map((item) => ({ item, docs: publicDocumentsFromState(item) }));
        // Staff first: the public scope reuses what the staff rebuild computed for the same texts.
        await targets.staff!.write(staff.flatMap((x) => x.docs));
        await Promise.all([
          targets.public!.write(pub.flatMap((x) => x.docs ?? [])),
          this.state.recordRebuildVersions('staff', staff.map((x) => ({ articleId: x.item.articleId, version: x.item.version, removed: false }))),
          this.state.recordRebuildVersions('public', pub.map((x) => ({ articleId: x.item.articleId, version: x.item.version, removed: x.docs === null }))),
        ]);
        this.progress.processed += items.length;
        // The count is taken when the export starts: articles created since then may take the count past it.
        this.progress.total = Math.max(total, this.progress.processed);
        this.logger.log({ msg: 'rebuild progress', processed: this.progress.processed, total: this.progress.total });
      }, REBUILD_PAGES_IN_FLIGHT);
      nextStage('indexing');
      // Both scopes' indexes are built at once (one core each).
      await Promise.all(SCOPES.map((scope) => targets[scope]!.seal()));
      nextStage('swapping');
      for (const scope of SCOPES) {
        await this.state.withScopeLocked(scope, (tx, newer) => targets[scope]!.swap(newer, tx));
        delete targets[scope];
      }
      await this.state.setMeta(META_BOOTSTRAPPED, new Date().toISOString());
      this.bootstrapped = true;
      nextStage(null);
      this.progress = { ...this.progress, state: 'succeeded', finishedAt: new Date().toISOString() };
      this.logger.log({ msg: 'rebuild finished', articles: this.progress.processed, seconds: this.progress.stageSeconds });
    } catch (error) {
      for (const target of Object.values(targets)) await target?.abort().catch(() => undefined);
      this.progress = { ...this.progress, state: 'failed', stage: null, finishedAt: new Date().toISOString(), error: error instanceof Error ? error.message : String(error) };
      this.logger.error({ msg: 'rebuild failed', err: error });
      throw error;
    }
  }

  /**
   * Reads the export page by page; the next page is requested while `work` handles the current one, and up to
   * `inFlight` pages are handled at once (pages hold different articles). The first failure stops the reading and
   * is thrown once the pages already started have finished. `work` gets the number of articles the first page
   * reported (later pages do not count them again).
   */
  private async forEachExportPage(work: (items: ArticleStatePayload[], total: number) => Promise<void>, inFlight = 1): Promise<void> {
    const running = new Set<Promise<void>>();
    const outcome: { error?: unknown } = {};
    let next = this.news.page(null, PAGE_SIZE);
    let total = 0;
    try {
      for (;;) {
        const page = await next;
        if (page.total !== null) total = page.total;
        const more = page.nextAfterId !== null && page.items.length > 0;
        if (more) {
          next = this.news.page(page.nextAfterId, PAGE_SIZE);
          // Awaited on the next turn; if `work` fails first, the prefetched page is dropped without an unhandled rejection.
          next.catch(() => undefined);
        }
        const task: Promise<void> = work(page.items, total).then(
          () => undefined,
          (error: unknown) => {
            if (!('error' in outcome)) outcome.error = error;
          },
        );
        running.add(task);
        void task.then(() => running.delete(task));
        while (running.size >= inFlight) await Promise.race(running);
        if ('error' in outcome || !more) break;
      }
    } finally {
      await Promise.all(running);
    }
    if ('error' in outcome) throw outcome.error;
  }
}

function requireAdmin(actor: StaffActor): void {
  if (actor.role !== 'admin') throw new DomainError(ErrorCode.Forbidden, 'requires role admin');
}
