import { testInfra, uniqueSuffix } from '@birgemiz/testing';
import { Redis } from 'ioredis';
import { ReadCacheService } from './read-cache.service';

describe('ReadCacheService (real Redis)', () => {
  let redis: Redis;
  let cache: ReadCacheService;

  beforeAll(() => {
    redis = new Redis(testInfra.redisUrl);
  });

  afterAll(async () => {
    await redis.quit();
  });

  beforeEach(() => {
    cache = new ReadCacheService(redis);
    cache.enable('news');
  });

  it('loads once, then serves hits until an event invalidates', async () => {
    const key = `k-${uniqueSuffix()}`;
    let loads = 0;
    const load = async () => ({ n: ++loads });
    expect(await cache.getOrLoad('news', key, load)).toEqual({ value: { n: 1 }, hit: false });
    expect(await cache.getOrLoad('news', key, load)).toEqual({ value: { n: 1 }, hit: true });
    // Another instance (no local entries) gets the Redis entry.
    const other = new ReadCacheService(redis);
    other.enable('news');
    await new Promise((r) => setTimeout(r, 50));
    expect(await other.getOrLoad('news', key, load)).toEqual({ value: { n: 1 }, hit: true });
    await cache.invalidate('news');
    expect(await cache.getOrLoad('news', key, load)).toEqual({ value: { n: 2 }, hit: false });
    expect(await other.getOrLoad('news', key, load)).toEqual({ value: { n: 1 }, hit: true });
    await other.invalidate('news');
    expect((await other.getOrLoad('news', key, load)).value).toEqual({ n: 3 });
  });

  it('shares one load between concurrent misses', async () => {
    const key = `k-${uniqueSuffix()}`;
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((r) => setTimeout(r, 50));
      return { loaded: true };
    };
    const answers = await Promise.all(Array.from({ length: 20 }, () => cache.getOrLoad('news', key, load)));
    expect(loads).toBe(1);
    expect(answers.every((a) => a.value.loaded)).toBe(true);
  });

  it('never serves a value loaded while an event was consumed', async () => {
    const key = `k-${uniqueSuffix()}`;
    let release!: () => void;
    const slow = cache.getOrLoad('news', key, () => new Promise<{ v: string }>((resolve) => (release = () => resolve({ v: 'old' }))));
    await new Promise((r) => setTimeout(r, 20));
    await cache.invalidate('news');
    release();
    expect((await slow).value).toEqual({ v: 'old' });
    await new Promise((r) => setTimeout(r, 50));
    expect(await cache.getOrLoad('news', key, async () => ({ v: 'new' }))).toEqual({ value: { v: 'new' }, hit: false });
  });

  it('bypasses the cache while disabled', async () => {
    const key = `k-${uniqueSuffix()}`;
    cache.disable('news');
    let loads = 0;
    await cache.getOrLoad('news', key, async () => ++loads);
    await cache.getOrLoad('news', key, async () => ++loads);
    expect(loads).toBe(2);
  });
});
