import type { ContentLocale, RegionCode } from '@birgemiz/contracts';
import { Column, Entity, OneToMany, PrimaryColumn } from 'typeorm';
import { ArticleTranslationEntity } from './article-translation.entity';

export type ArticleStatus = 'draft' | 'scheduled' | 'published' | 'unpublished' | 'archived';

@Entity({ name: 'articles' })
export class ArticleEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  status: ArticleStatus;

  /** Grows with every change; the optimistic-concurrency token and the version of article events. */
  @Column('integer')
  version: number;

  @Column('text', { nullable: true })
  region: RegionCode | null;

  @Column('text', { array: true })
  tags: string[];

  @Column('text', { name: 'cover_image_url', nullable: true })
  coverImageUrl: string | null;

  @Column('uuid', { name: 'author_id' })
  authorId: string;

  @Column('timestamptz', { name: 'scheduled_at', nullable: true })
  scheduledAt: Date | null;

  @Column('text', { name: 'scheduled_locales', array: true })
  scheduledLocales: ContentLocale[];

  @Column('timestamptz', { name: 'first_published_at', nullable: true })
  firstPublishedAt: Date | null;

  @Column('bigint', { name: 'view_count', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  viewCount: number;

  @Column('integer', { name: 'comment_count' })
  commentCount: number;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;

  @OneToMany(() => ArticleTranslationEntity, (t) => t.article)
  translations: ArticleTranslationEntity[];
}
