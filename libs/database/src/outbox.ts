import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Transactional outbox row: written in the same transaction as the state change it announces, published to
 * Kafka by a relay afterwards (at least once). Each app has this table in its own schema.
 */
@Entity({ name: 'outbox_events' })
@Index('outbox_events_unpublished', ['createdAt'], { where: 'published_at IS NULL' })
export class OutboxEventEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  topic: string;

  @Column('text')
  key: string;

  /** The CloudEvent to publish. */
  @Column('jsonb')
  event: Record<string, unknown>;

  @Column('jsonb', { default: () => "'{}'::jsonb" })
  headers: Record<string, string>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;
}
