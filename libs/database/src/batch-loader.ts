interface Waiter<V> {
  resolve: (value: V | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * Coalesces loads by key that are asked for in the same turn of the event loop into one batch call (the "data
 * loader" pattern). A request-reply service runs many handlers at once; when each of them reads one row by key, the
 * database sees one statement per request. Through a BatchLoader they share one statement per turn:
 * `load(id)` queues the key and the batch runs on the next `setImmediate`, after every handler started in this turn
 * has queued its own. Equal keys in one batch are loaded once.
 *
 * No caching across batches: every batch reads the database afresh, so a load never answers older data than a
 * statement issued at the same moment would.
 */
export class BatchLoader<K, V> {
  private queue = new Map<K, Waiter<V>[]>();
  private scheduled = false;

  constructor(
    /** Loads the given distinct keys; a key missing from the answer resolves to undefined. */
    private readonly loadMany: (keys: K[]) => Promise<Map<K, V>>,
    /** Keys per batch at most; a larger queue is split into several batches run at once. */
    private readonly maxBatchSize = 100,
  ) {
    if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1) throw new RangeError('maxBatchSize must be a positive integer');
  }

  load(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const waiters = this.queue.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else this.queue.set(key, [{ resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.dispatch());
      }
    });
  }

  private dispatch(): void {
    const queued = this.queue;
    this.queue = new Map();
    this.scheduled = false;
    const keys = [...queued.keys()];
    for (let start = 0; start < keys.length; start += this.maxBatchSize) {
      void this.run(keys.slice(start, start + this.maxBatchSize), queued);
    }
  }

  private async run(keys: K[], queued: Map<K, Waiter<V>[]>): Promise<void> {
    let values: Map<K, V>;
    try {
      values = await this.loadMany(keys);
    } catch (error) {
      for (const key of keys) for (const waiter of queued.get(key)!) waiter.reject(error);
      return;
    }
    for (const key of keys) {
      const value = values.get(key);
      for (const waiter of queued.get(key)!) waiter.resolve(value);
    }
  }
}
