import { BatchLoader } from './batch-loader';

describe('BatchLoader', () => {
  it('answers loads of one turn with one batch call of the distinct keys', async () => {
    const calls: string[][] = [];
    const loader = new BatchLoader<string, string>(async (keys) => {
      calls.push(keys);
      return new Map(keys.map((k) => [k, k.toUpperCase()]));
    });
    const answers = await Promise.all([loader.load('a'), loader.load('b'), loader.load('a'), loader.load('c')]);
    expect(answers).toEqual(['A', 'B', 'A', 'C']);
    expect(calls).toEqual([['a', 'b', 'c']]);
  });

  it('resolves a key the batch did not return to undefined', async () => {
    const loader = new BatchLoader<string, number>(async () => new Map([['known', 1]]));
    await expect(Promise.all([loader.load('known'), loader.load('missing')])).resolves.toEqual([1, undefined]);
  });

  it('starts a new batch for loads after the previous batch was sent, and reads afresh (no cache)', async () => {
    let version = 0;
    const calls: string[][] = [];
    const loader = new BatchLoader<string, number>(async (keys) => {
      calls.push(keys);
      version += 1;
      return new Map(keys.map((k) => [k, version]));
    });
    expect(await loader.load('x')).toBe(1);
    expect(await loader.load('x')).toBe(2);
    expect(calls).toEqual([['x'], ['x']]);
  });

  it('splits a large queue into batches of maxBatchSize', async () => {
    const sizes: number[] = [];
    const loader = new BatchLoader<number, number>(async (keys) => {
      sizes.push(keys.length);
      return new Map(keys.map((k) => [k, k * 2]));
    }, 4);
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => loader.load(i)));
    expect(answers).toEqual(Array.from({ length: 10 }, (_, i) => i * 2));
    expect(sizes).toEqual([4, 4, 2]);
  });

  it('rejects every load of a failed batch and keeps working afterwards', async () => {
    let fail = true;
    const loader = new BatchLoader<string, string>(async (keys) => {
      if (fail) throw new Error('database away');
      return new Map(keys.map((k) => [k, k]));
    });
    const results = await Promise.allSettled([loader.load('a'), loader.load('a'), loader.load('b')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason).toEqual(new Error('database away'));
    fail = false;
    await expect(loader.load('a')).resolves.toBe('a');
  });

  it('refuses a batch size that is not a positive integer', () => {
    expect(() => new BatchLoader(async () => new Map(), 0)).toThrow(RangeError);
    expect(() => new BatchLoader(async () => new Map(), 1.5)).toThrow(RangeError);
  });
});
