import { postgresOptions } from '@birgemiz/database';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ArticleRevisionEntity } from '../articles/entities/article-revision.entity';
import { ArticleTranslationEntity } from '../articles/entities/article-translation.entity';
import { ArticleEntity } from '../articles/entities/article.entity';
import { CreateNewsSchema1764000000000 } from './migrations/1764000000000-create-news-schema';
import { CreateArticles1764100000000 } from './migrations/1764100000000-create-articles';

export const NEWS_SCHEMA = 'news';

/** The news service's data source, used by Nest and by the migration CLI alike. */
export function newsDataSourceOptions(url: string, poolSize?: number): DataSourceOptions {
  return postgresOptions({
    url,
    schema: NEWS_SCHEMA,
    applicationName: 'birgemiz-news',
    poolSize,
    entities: [ArticleEntity, ArticleTranslationEntity, ArticleRevisionEntity],
    migrations: [CreateNewsSchema1764000000000, CreateArticles1764100000000],
  });
}

/** For the TypeORM CLI (`typeorm -d dist/apps/news/src/database/data-source.js`). */
export const newsDataSource = new DataSource(
  newsDataSourceOptions(process.env.DATABASE_URL ?? 'postgres://birgemiz:birgemiz@127.0.0.1:5432/birgemiz'),
);
