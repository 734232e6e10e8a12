import { CONTENT_LOCALES, NOTIFICATION_TYPES } from '@birgemiz/contracts';
import { transliterateCyrillicToLatin } from '@birgemiz/kazakh';
import { escapeHtml, headerSafe, safeHref } from './html-escape';
import { renderMessage } from './template-renderer';

const CYRILLIC = /[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]/;
const vars = {
  fullName: 'Aigul',
  referenceNumber: 'BV-2026-000001',
  statusUrl: 'https://birgemiz.kz/applications/status/x',
  staffUrl: 'https://birgemiz.kz/staff/applications/1',
  confirmUrl: 'https://birgemiz.kz/subscriptions/confirm?token=a.b',
  articleUrl: 'https://birgemiz.kz/news/a',
  campaignUrl: 'https://birgemiz.kz/campaigns/c',
  description: 'Description',
  campaignTitle: 'Park',
  place: 'Kokshetau',
  startsAt: '2030-05-01 09:00 (UTC+5)',
  region: 'akmola',
  hours: 72,
  title: 'Title',
  summary: 'Summary',
  date: '2030-05-01',
};

describe('notification templates', () => {
  it.each(NOTIFICATION_TYPES.flatMap((type) => CONTENT_LOCALES.map((locale) => [type, locale] as const)))('%s renders in %s', (type, locale) => {
    const message = renderMessage({ type, locale, variables: vars, items: [{ title: 'T', summary: 'S', url: 'https://x.kz' }], footer: { manageUrl: 'https://m.kz', unsubscribeUrl: 'https://u.kz' } });
    expect(message.locale).toBe(locale);
    expect(message.subject.length).toBeGreaterThan(3);
    expect(message.text).not.toMatch(/\{\{/);
    expect(message.html).not.toMatch(/\{\{/);
    if (locale === 'kk-Latn' || locale === 'en') expect(`${message.subject}${message.text}`).not.toMatch(CYRILLIC);
    if (locale === 'kk-Cyrl' || locale === 'ru') expect(message.text).toMatch(CYRILLIC);
  });

  it('says "Thank you! Your application has been sent" in each language', () => {
    expect(renderMessage({ type: 'application-received', locale: 'en', variables: vars }).text).toContain('Thank you! Your application has been sent.');
    expect(renderMessage({ type: 'application-received', locale: 'ru', variables: vars }).text).toContain('Спасибо! Ваша заявка отправлена.');
    expect(renderMessage({ type: 'application-received', locale: 'kk-Cyrl', variables: vars }).text).toContain('Рахмет! Өтінішіңіз жіберілді.');
    expect(renderMessage({ type: 'application-received', locale: 'kk-Latn', variables: vars }).text).toContain(transliterateCyrillicToLatin('Рахмет! Өтінішіңіз жіберілді.'));
  });

  it('escapes variables in the HTML part and keeps them verbatim in the text part', () => {
    const hostile = { ...vars, fullName: '<script>alert("x")</script> & Co' };
    const message = renderMessage({ type: 'application-approved', locale: 'en', variables: hostile });
    expect(message.html).not.toContain('<script>');
    expect(message.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(message.text).toContain('<script>alert("x")</script> & Co');
  });

  it('never puts a non-http link into an href, and keeps subjects on one line', () => {
    const message = renderMessage({ type: 'application-received', locale: 'en', variables: { ...vars, statusUrl: 'javascript:alert(1)', referenceNumber: 'X\r\nBcc: evil@example.com' } });
    expect(message.html).not.toContain('javascript:');
    expect(message.subject).not.toMatch(/[\r\n]/);
    expect(safeHref('https://a.kz/?a=1&b="2"')).toBe('https://a.kz/?a=1&amp;b=&quot;2&quot;');
    expect(escapeHtml(`'`)).toBe('&#39;');
    expect(headerSafe('a\nb')).toBe('a b');
  });

  it('adds the newsletter footer with manage and unsubscribe links', () => {
    const message = renderMessage({ type: 'newsletter-article', locale: 'ru', variables: vars, footer: { manageUrl: 'https://m.kz', unsubscribeUrl: 'https://u.kz' } });
    expect(message.text).toContain('Отписаться: https://u.kz');
    expect(message.html).toContain('href="https://u.kz"');
  });

  it('announces an opened campaign in every locale, kk-Latn transliterated from the Kazakh text', () => {
    expect(renderMessage({ type: 'campaign-opened', locale: 'ru', variables: vars }).subject).toBe('Новая акция: Park');
    expect(renderMessage({ type: 'campaign-opened', locale: 'en', variables: vars }).text).toContain('About the campaign: https://birgemiz.kz/campaigns/c');
    const latin = renderMessage({ type: 'campaign-opened', locale: 'kk-Latn', variables: vars });
    expect(latin.subject).toBe(transliterateCyrillicToLatin('Жаңа акция: Park'));
    expect(latin.text).toContain(transliterateCyrillicToLatin('Еріктілерді жаңа акцияға шақырамыз'));
  });

  it('fails loudly when a variable is missing instead of sending a broken e-mail', () => {
    expect(() => renderMessage({ type: 'application-received', locale: 'en', variables: {} })).toThrow(/needs variable/);
  });
});
