import { MESSAGE_LANGUAGES } from '@birgemiz/contracts';
import { ErrorCode } from './error-code';
import { ERROR_MESSAGES, ISSUE_MESSAGES, issueMessage, negotiateLanguage } from './messages';

describe('negotiateLanguage', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['kk', 'kk'],
    ['kk-KZ', 'kk'],
    ['kk-Latn', 'kk'],
    ['ru-RU,ru;q=0.9,en;q=0.8', 'ru'],
    ['de-DE,ru;q=0.5,kk;q=0.7', 'kk'],
    ['fr, en;q=0.1', 'en'],
    ['ru;q=0, kk;q=0.2', 'kk'],
    ['*', 'en'],
  ])('%s → %s', (header, language) => {
    expect(negotiateLanguage(header)).toBe(language);
  });
});

describe('message catalogue', () => {
  it('has a non-empty message in every language for every error code', () => {
    for (const code of Object.values(ErrorCode)) {
      for (const language of MESSAGE_LANGUAGES) {
        expect(ERROR_MESSAGES[code][language].length).toBeGreaterThan(5);
      }
    }
  });

  it('writes Kazakh and Russian messages in Cyrillic, distinct from English', () => {
    for (const code of Object.values(ErrorCode)) {
      expect(ERROR_MESSAGES[code].kk).toMatch(/[А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІі]/);
      expect(ERROR_MESSAGES[code].ru).toMatch(/[А-Яа-я]/);
      expect(ERROR_MESSAGES[code].kk).not.toBe(ERROR_MESSAGES[code].ru);
    }
  });

  it('falls back to a generic issue message for unknown reasons', () => {
    expect(issueMessage('something_new', 'ru')).toBe(ISSUE_MESSAGES.invalid_type.ru);
    expect(issueMessage('invalid_email', 'kk')).toBe('Электрондық пошта мекенжайы қате.');
  });
});
