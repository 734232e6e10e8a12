import { publicSearchQuerySchema, staffSearchQuerySchema } from './search-query';

describe('search query schemas', () => {
  const reasons = (result: { success: boolean; error?: { issues: { path: (string | number)[]; message: string; code: string }[] } }) =>
    result.error?.issues.map((i) => `${i.path.join('.')}:${i.code === 'custom' ? i.message : i.code}`) ?? [];

  it('accepts a plain query with defaults', () => {
    expect(publicSearchQuerySchema.parse({ q: ' наурыз ' })).toEqual({ q: 'наурыз', sort: 'relevance', page: 1, pageSize: 10 });
  });

  it('refuses long queries, unbalanced quotes, tag injection, negative pages, deep pages and unknown keys', () => {
    expect(reasons(publicSearchQuerySchema.safeParse({ q: 'a'.repeat(2000) }))).toEqual(['q:too_big']);
    expect(reasons(publicSearchQuerySchema.safeParse({ q: '" OR status = draft' }))).toEqual(['q:unbalanced_quotes']);
    expect(reasons(publicSearchQuerySchema.safeParse({ q: 'x', tag: 'a" OR status = "draft' }))).toEqual(['tag:invalid_string']);
    expect(reasons(publicSearchQuerySchema.safeParse({ q: 'x', page: '-1' }))).toEqual(['page:too_small']);
    expect(reasons(publicSearchQuerySchema.safeParse({ q: 'x', page: '30', pageSize: '50' }))).toEqual(['page:too_big']);
    expect(reasons(publicSearchQuerySchema.safeParse({ q: 'x', status: 'draft' }))).toEqual([':unrecognized_keys']);
    expect(reasons(publicSearchQuerySchema.safeParse({ q: 'x', from: '2025-02-01', to: '2025-01-01' }))).toEqual(['to:ends_before_start']);
  });

  it('parses staff lists from comma-separated parameters and refuses unknown facets', () => {
    expect(staffSearchQuerySchema.parse({ q: 'x', status: 'draft,published', facets: 'tag,locale' })).toMatchObject({ status: ['draft', 'published'], facets: ['tag', 'locale'] });
    expect(reasons(staffSearchQuerySchema.safeParse({ q: 'x', facets: 'tag,secret' }))).toEqual(['facets.1:invalid_enum_value']);
  });
});
