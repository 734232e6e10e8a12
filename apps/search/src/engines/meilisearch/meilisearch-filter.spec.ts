import { articleIdsFilter, buildFilter, quoteFilterValue } from './meilisearch-filter';

describe('Meilisearch filters', () => {
  it('quotes and escapes every value: an injection attempt stays one string', () => {
    expect(quoteFilterValue('a" OR status = "draft')).toBe('"a\\" OR status = \\"draft"');
    expect(quoteFilterValue('back\\slash')).toBe('"back\\\\slash"');
  });

  it('builds conditions only from known fields', () => {
    expect(
      buildFilter({ locale: 'ru', tag: 'flood', region: 'astana', statuses: ['draft', 'published'], from: new Date('2025-01-01T00:00:00Z'), to: new Date('2025-02-01T00:00:00Z') }),
    ).toEqual([
      'locale = "ru"',
      'tags = "flood"',
      'region = "astana"',
      'articleStatus IN ["draft", "published"]',
      'sortDate >= 1735689600000',
      'sortDate < 1738368000000',
    ]);
  });

  it('keeps date bounds to the millisecond: an inclusive end of …00.250 is the exclusive bound …00.251', () => {
    expect(buildFilter({ from: new Date('2025-03-01T10:00:00.250Z'), to: new Date('2025-03-01T10:00:00.251Z') })).toEqual([
      'sortDate >= 1740823200250',
      'sortDate < 1740823200251',
    ]);
  });

  it('accepts only article ids in id filters', () => {
    expect(articleIdsFilter(['00000000-0000-4000-8000-000000000001'])).toBe('articleId IN ["00000000-0000-4000-8000-000000000001"]');
    expect(() => articleIdsFilter(['x" OR 1 = 1'])).toThrow('not an article id');
  });
});
