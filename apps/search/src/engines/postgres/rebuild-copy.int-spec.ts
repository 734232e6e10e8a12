import { cloneTemplateDatabase, templateDatabase } from '@birgemiz/testing';
import { DataSource } from 'typeorm';
import { searchDataSourceOptions } from '../../database/data-source';
import type { TranslationDocument } from '../../documents/search-document';
import { PostgresEntriesRepository, textsDigest } from './postgres-entries.repository';

/**
 * A rebuild's public scope takes the texts and tsvectors of the staff rows written before it, matched by a digest
 * of the texts computed in the service: against a real database, the digest is PostgreSQL's own, equal texts are
 * copied and different ones are left to be written in full.
 */
function document(n: number, body: string): TranslationDocument {
  return {
    articleId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    locale: 'kk-Cyrl',
    version: 1,
    articleStatus: 'published',
    translationStatus: 'published',
    region: 'astana',
    tags: ['ecology'],
    publishedAt: '2026-06-01T12:00:00.000Z',
    sortDate: '2026-06-01T12:00:00.000Z',
    updatedAt: '2026-06-01T12:00:00.000Z',
    title: `Сенбілік «Жасыл қала» №${n}`,
    summary: "Еріктілер саябақта ағаш отырғызды — it's 🌳 time",
    body,
    slug: `senbilik-${n}`,
  };
}

describe('PostgreSQL engine: public rows copied from the staff rebuild', () => {
  let db: Awaited<ReturnType<typeof cloneTemplateDatabase>>;
  let dataSource: DataSource;
  let entries: PostgresEntriesRepository;
  const suffix = '_bcopytest';

  beforeAll(async () => {
    db = await cloneTemplateDatabase(templateDatabase());
    dataSource = await new DataSource(searchDataSourceOptions(db.url, 2)).initialize();
    entries = new PostgresEntriesRepository(dataSource);
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('computes the digest PostgreSQL computes over the same texts (UTF-8, any script)', async () => {
    const doc = document(1, 'Мәтін\nжолдары\\ "тырнақша" \'апостроф\' 😀');
    const [{ digest }] = await dataSource.query(`SELECT md5($1 || E'\\x1f' || $2 || E'\\x1f' || $3) AS digest`, [doc.title, doc.summary, doc.body]);
    expect(textsDigest(doc)).toBe(digest);
  });

  it('copies the documents whose texts the source holds, with its vectors, and returns the others', async () => {
    const staff = await entries.createRebuildTable('staff', suffix);
    const pub = await entries.createRebuildTable('public', suffix);
    const docs = [document(1, 'Қазақ тілі мен мәдениеті'), document(2, 'Бірінші нұсқа'), document(3, 'Үшінші мақала')];
    await entries.insertIntoRebuild(staff, docs, new Set());

    const changed = { ...docs[1], body: 'Екінші нұсқа' };
    const notInSource = document(4, 'Төртінші');
    const rest = await entries.copyFromRebuild(pub, staff, [docs[0], changed, docs[2], notInSource]);
    expect(rest.map((d) => d.articleId)).toEqual([changed.articleId, notInSource.articleId]);

    const rows: { article_id: string; body: string; slug: string; same_tsv: boolean }[] = await dataSource.query(
      `SELECT p."article_id", p."body", p."slug", p."tsv" = s."tsv" AND p."title_tsv" = s."title_tsv" AS same_tsv
       FROM ${pub} p JOIN ${staff} s USING ("article_id", "locale") ORDER BY p."article_id"`,
    );
    expect(rows).toEqual([
      { article_id: docs[0].articleId, body: docs[0].body, slug: docs[0].slug, same_tsv: true },
      { article_id: docs[2].articleId, body: docs[2].body, slug: docs[2].slug, same_tsv: true },
    ]);
    await entries.dropTable('staff', suffix);
    await entries.dropTable('public', suffix);
  });

  it('keeps a rebuild table\'s vectors and texts lz4-compressed where the server offers lz4, and the default otherwise', async () => {
    const table = await entries.createRebuildTable('staff', suffix);
    const settings: { lz4: boolean }[] = await dataSource.query(
      `SELECT 'lz4' = ANY(enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`,
    );
    const columns: { attname: string; compression: string }[] = await dataSource.query(
      `SELECT attname, attcompression::text AS compression FROM pg_attribute
       WHERE attrelid = $1::regclass AND attname IN ('tsv', 'title_tsv', 'title', 'summary', 'body', 'slug') ORDER BY attname`,
      [table],
    );
    const lz4 = settings[0]?.lz4 ? 'l' : '';
    expect(columns).toEqual([
      { attname: 'body', compression: lz4 },
      { attname: 'slug', compression: '' },
      { attname: 'summary', compression: lz4 },
      { attname: 'title', compression: lz4 },
      { attname: 'title_tsv', compression: lz4 },
      { attname: 'tsv', compression: lz4 },
    ]);
    await entries.dropTable('staff', suffix);
  });
});
