import type { ContentLocale } from '@birgemiz/contracts';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ArticleEntity } from './article.entity';

export type TranslationStatus = 'draft' | 'published' | 'unpublished';

@Entity({ name: 'article_translations' })
export class ArticleTranslationEntity {
  @PrimaryColumn('uuid', { name: 'article_id' })
  articleId: string;

  @PrimaryColumn('text')
  locale: ContentLocale;

  @Column('text')
  title: string;

  @Column('text')
  summary: string;

  /** Markdown. */
  @Column('text')
  body: string;

  @Column('text')
  slug: string;

  @Column('text')
  status: TranslationStatus;

  /** Produced by transliteration and not yet saved by an editor. */
  @Column('boolean', { name: 'machine_translated' })
  machineTranslated: boolean;

  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt: Date | null;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;

  @ManyToOne(() => ArticleEntity, (a) => a.translations, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id' })
  article?: ArticleEntity;
}
