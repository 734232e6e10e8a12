import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

export interface NewOutboxEvent {
  topic: string;
  key: string;
  event: Record<string, unknown>;
  headers?: Record<string, string>;
}

export interface ClaimedOutboxEvent {
  id: string;
  topic: string;
  key: string;
  event: Record<string, unknown>;
  headers: Record<string, string>;
}

/**
 * The outbox table of one app's schema. `add` runs inside the caller's transaction (the state change and its event
 * commit together); `relayBatch` claims unpublished rows with FOR UPDATE SKIP LOCKED, so several relays never
 * publish the same row at the same time, and marks them published only after `publish` succeeded.
 */
export class OutboxRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema ${schema}`);
  }

  async add(manager: EntityManager, events: NewOutboxEvent[]): Promise<void> {
    if (events.length === 0) return;
    const params: unknown[] = [];
    const values = events.map((e) => {
      params.push(randomUUID(), e.topic, e.key, JSON.stringify(e.event), JSON.stringify(e.headers ?? {}));
      const n = params.length;
      return `($${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}::jsonb, $${n}::jsonb)`;
    });
    await manager.query(
      `INSERT INTO "${this.schema}"."outbox_events" (id, topic, key, event, headers) VALUES ${values.join(', ')}`,
      params,
    );
  }

  /** Claims up to `limit` rows in creation order, hands them to `publish`, and marks them published. */
  async relayBatch(limit: number, publish: (rows: ClaimedOutboxEvent[]) => Promise<void>): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: ClaimedOutboxEvent[] = await manager.query(
        `SELECT id, topic, key, event, headers FROM "${this.schema}"."outbox_events"
          WHERE published_at IS NULL
          ORDER BY seq
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (rows.length === 0) return 0;
      await publish(rows);
      await manager.query(`UPDATE "${this.schema}"."outbox_events" SET published_at = now() WHERE id = ANY($1::uuid[])`, [
        rows.map((r) => r.id),
      ]);
      return rows.length;
    });
  }

  async countUnpublished(): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM "${this.schema}"."outbox_events" WHERE published_at IS NULL`);
    return row.n as number;
  }

  /** Deletes published rows older than `olderThanSeconds` (the topic is the record from then on). */
  async purgePublished(olderThanSeconds: number): Promise<number> {
    const [, affected] = await this.dataSource.query(
      `DELETE FROM "${this.schema}"."outbox_events" WHERE published_at < now() - make_interval(secs => $1)`,
      [olderThanSeconds],
    );
    return Number(affected ?? 0);
  }
}
