import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A prefix index on the word list: a query's last word (typed as a prefix) is expanded into the indexed words that
 * start with it, which GIN finds as plain entries — a `word:*` partial match makes GIN gather every matching row
 * into a bitmap first, several times slower for a frequent word.
 */
export class IndexWordPrefixes1764600000000 implements MigrationInterface {
  name = 'IndexWordPrefixes1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "words_prefix" ON "search"."words" ("word" text_pattern_ops)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "search"."words_prefix"`);
  }
}
