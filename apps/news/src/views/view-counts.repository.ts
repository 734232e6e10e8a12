import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface ViewBatch {
  topic: string;
  partition: number;
  /** Offsets, article ids and view counts of the batch's valid view events, in offset order. */
  views: { offset: bigint; articleId: string; count: number }[];
  /** The offset after the batch's last message (valid or not). */
  nextOffset: bigint;
}

/**
 * View counts with exactly-once effect: the counts and the partition's next offset are written in one transaction,
 * and messages below the stored offset are skipped — so a batch redelivered after a crash is never counted twice.
 */
@Injectable()
export class ViewCountsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async apply(batch: ViewBatch): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO news.view_offsets (topic, partition, next_offset) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING`,
        [batch.topic, batch.partition],
      );
      const [{ next_offset }] = await tx.query(
        `SELECT next_offset FROM news.view_offsets WHERE topic = $1 AND partition = $2 FOR UPDATE`,
        [batch.topic, batch.partition],
      );
      const from = BigInt(next_offset);
      if (batch.nextOffset <= from) return 0;
      const counts = new Map<string, number>();
      for (const view of batch.views) {
        if (view.offset >= from) counts.set(view.articleId, (counts.get(view.articleId) ?? 0) + view.count);
      }
      if (counts.size > 0) {
        await tx.query(
          `UPDATE news.articles a SET view_count = a.view_count + c.n
             FROM unnest($1::uuid[], $2::int[]) AS c(id, n) WHERE a.id = c.id`,
          [[...counts.keys()], [...counts.values()]],
        );
      }
      await tx.query(`UPDATE news.view_offsets SET next_offset = $3 WHERE topic = $1 AND partition = $2`, [
        batch.topic,
        batch.partition,
        batch.nextOffset.toString(),
      ]);
      return [...counts.values()].reduce((a, b) => a + b, 0);
    });
  }

  async storedOffsets(topic: string): Promise<Map<number, string>> {
    const rows: { partition: number; next_offset: string }[] = await this.dataSource.query(
      `SELECT partition, next_offset FROM news.view_offsets WHERE topic = $1`,
      [topic],
    );
    return new Map(rows.map((r) => [r.partition, String(r.next_offset)]));
  }
}
