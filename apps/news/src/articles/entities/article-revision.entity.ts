import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'article_revisions' })
export class ArticleRevisionEntity {
  @PrimaryColumn('uuid', { name: 'article_id' })
  articleId: string;

  @PrimaryColumn('integer')
  version: number;

  /** What produced this version: create, update, publish, restore… */
  @Column('text')
  action: string;

  @Column('uuid', { name: 'author_id' })
  authorId: string;

  /** The editable state after the change (meta and every translation). */
  @Column('jsonb')
  snapshot: Record<string, unknown>;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
