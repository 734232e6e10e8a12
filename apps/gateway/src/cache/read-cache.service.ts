import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '../tokens';

/** Namespaces of cached reads; an event about a namespace's data makes all of its entries unreachable at once. */
export type CacheNamespace = 'news';

const PREFIX = 'birgemiz:gateway:cache:v1';
/** A safety net only: entries are invalidated by events, the TTL bounds what a lost event could leave behind. */
const TTL_SECONDS = 300;
const LOCK_MS = 3_000;
/** Entries kept in this process in front of Redis (most recently stored win). */
const LOCAL_ENTRIES = 5_000;
const WAIT_FOR_LOCK_MS = 250;

/** Reads the namespace generation and the entry under it in one round trip. */
const READ_SCRIPT = `
local generation = redis.call('GET', KEYS[1]) or '0'
return { generation, redis.call('GET', ARGV[1] .. generation .. ':' .. ARGV[2]) }
`;

interface LocalEntry {
  value: unknown;
  /** The value as UTF-8 JSON bytes, made on first use by the fast path (no encoding or length scan per answer). */
  body?: Buffer;
}

export interface CacheResult<T> {
  value: T;
  hit: boolean;
}

/**
 * Redis cache of public reads. Every key carries its namespace's generation; consuming a change event bumps the
 * generation (`invalidate`), so nothing cached before the event is served after it — even a load that was in
 * flight during the event writes under the old generation, which no reader asks for any more.
 * Stampede protection: concurrent misses of one key in this process share one load, and across gateway instances
 * a short Redis lock lets one instance load while the others wait briefly for its result.
 * In front of Redis, each instance keeps recent entries in memory; they are dropped whenever this instance consumes a
 * change event (the invalidating consumer runs in every instance), so they are never older than Redis's.
 * If Redis fails, reads go straight to the service.
 */
@Injectable()
export class ReadCacheService {
  private readonly logger = new Logger(ReadCacheService.name);
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /** Namespaces whose invalidation events are being consumed; the others bypass the cache. */
  private readonly enabled = new Set<CacheNamespace>();
  private readonly local = new Map<string, LocalEntry>();
  /** Bumped whenever this process drops its local entries. */
  private localGeneration = 0;

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async getOrLoad<T>(namespace: CacheNamespace, key: string, load: () => Promise<T>): Promise<CacheResult<T>> {
    if (!this.enabled.has(namespace)) return { value: await load(), hit: false };
    const localKey = `${namespace}:${key}`;
    const entry = this.local.get(localKey);
    if (entry) return { value: entry.value as T, hit: true };
    // Anything read from Redis or loaded while an event is consumed may be stale: it is kept in memory only if no
    // event was consumed in between.
    const generationAtStart = this.localGeneration;
    let generation: string;
    let cached: string | null;
    try {
      [generation, cached] = (await this.redis.eval(READ_SCRIPT, 1, this.generationKey(namespace), `${PREFIX}:${namespace}:g`, key)) as [string, string | null];
    } catch (error) {
      this.logger.warn({ msg: 'read cache unavailable; loading from the service', err: error });
      return { value: await load(), hit: false };
    }
    if (cached !== null) {
      const value = JSON.parse(cached) as T;
      if (this.localGeneration === generationAtStart) this.remember(localKey, value);
      return { value, hit: true };
    }

    const entryKey = `${PREFIX}:${namespace}:g${generation}:${key}`;
    const shared = this.inFlight.get(entryKey) as Promise<T> | undefined;
    if (shared) return { value: await shared, hit: false };
    const loading = this.loadOnce(entryKey, load)
      .then((value) => {
        // An event consumed during the load makes this value possibly stale: keep it out of memory.
        if (this.localGeneration === generationAtStart) this.remember(localKey, value);
        return value;
      })
      .finally(() => this.inFlight.delete(entryKey));
    this.inFlight.set(entryKey, loading);
    return { value: await loading, hit: false };
  }

  /** Makes every entry of the namespace unreachable (called for each consumed change event). */
  async invalidate(namespace: CacheNamespace): Promise<void> {
    this.dropLocal(namespace);
    await this.redis.incr(this.generationKey(namespace));
    // Loads that read the old generation may have finished in between: drop again after the bump.
    this.dropLocal(namespace);
  }

  private dropLocal(namespace: CacheNamespace): void {
    this.localGeneration += 1;
    for (const key of this.local.keys()) if (key.startsWith(`${namespace}:`)) this.local.delete(key);
  }

  private remember(localKey: string, value: unknown): void {
    if (this.local.size >= LOCAL_ENTRIES) this.local.delete(this.local.keys().next().value as string);
    this.local.set(localKey, { value });
  }

  /**
   * An entry of this process's memory with its JSON bytes (made once), or undefined: never Redis, never a load. Entries
   * in memory are dropped whenever this instance consumes a change event, so this is as fresh as getOrLoad.
   */
  peekLocal<T>(namespace: CacheNamespace, key: string): { value: T; body: Buffer } | undefined {
    if (!this.enabled.has(namespace)) return undefined;
    const entry = this.local.get(`${namespace}:${key}`);
    if (!entry) return undefined;
    entry.body ??= Buffer.from(JSON.stringify(entry.value), 'utf8');
    return { value: entry.value as T, body: entry.body };
  }

  isEnabled(namespace: CacheNamespace): boolean {
    return this.enabled.has(namespace);
  }

  enable(namespace: CacheNamespace): void {
    this.enabled.add(namespace);
  }

  disable(namespace: CacheNamespace): void {
    this.enabled.delete(namespace);
    this.dropLocal(namespace);
  }

  private async loadOnce<T>(entryKey: string, load: () => Promise<T>): Promise<T> {
    const lockKey = `${entryKey}:lock`;
    try {
      const locked = await this.redis.set(lockKey, '1', 'PX', LOCK_MS, 'NX');
      if (!locked) {
        const waited = await this.waitForEntry(entryKey);
        if (waited !== null) return JSON.parse(waited) as T;
      }
    } catch {
      // Redis trouble: load without the lock.
    }
    const value = await load();
    this.redis
      .set(entryKey, JSON.stringify(value), 'EX', TTL_SECONDS)
      .then(() => this.redis.del(lockKey))
      .catch((error: unknown) => this.logger.warn({ msg: 'could not store a cached read', err: error }));
    return value;
  }

  private async waitForEntry(entryKey: string): Promise<string | null> {
    const deadline = Date.now() + WAIT_FOR_LOCK_MS;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 15));
      const value = await this.redis.get(entryKey);
      if (value !== null) return value;
    }
    return null;
  }

  private generationKey(namespace: CacheNamespace): string {
    return `${PREFIX}:${namespace}:generation`;
  }
}
