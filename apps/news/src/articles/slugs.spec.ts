import { slugCandidates, slugify } from './slugs';

describe('slugify', () => {
  it.each([
    ['Волонтёры Астаны помогли пожилым людям', 'ru', 'volontery-astany-pomogli-pozhilym-liudiam'],
    ['Қазақстан жастары ерікті болды', 'kk-Cyrl', 'qazaqstan-jastary-erikti-boldy'],
    ['Qazaqstan jastary erıktı boldy', 'kk-Latn', 'qazaqstan-jastary-erikti-boldy'],
    ['Tree planting in Shymkent: 2,000 saplings!', 'en', 'tree-planting-in-shymkent-2-000-saplings'],
    ['   ---   ', 'en', 'article'],
    ['Шымкент — Өскемен', 'kk-Cyrl', 'shymkent-oskemen'],
  ] as const)('%s (%s) → %s', (title, locale, slug) => {
    expect(slugify(title, locale)).toBe(slug);
  });

  it('keeps slugs short and well-formed', () => {
    const slug = slugify('Очень '.repeat(60), 'ru');
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('numbers the alternatives', () => {
    expect(slugCandidates('news', 3)).toEqual(['news', 'news-2', 'news-3']);
  });
});
