import { localize } from './campaign-localization';

const ru = { title: 'Уборка парка', description: 'Приходите убирать парк вместе с нами.' };
const en = { title: 'Park clean-up', description: 'Come and clean the park with us.' };
const kkCyrl = { title: 'Саябақты тазалау', description: 'Бізбен бірге саябақты тазалауға келіңіз.' };

describe('campaign text by locale', () => {
  it('serves the requested locale when it exists', () => {
    expect(localize({ ru, en }, 'en')).toMatchObject({ locale: 'en', title: en.title, transliteratedFrom: null, availableLocales: ['ru', 'en'] });
  });

  it('transliterates kk-Cyrl into kk-Latn when only Cyrillic exists', () => {
    const text = localize({ 'kk-Cyrl': kkCyrl, ru }, 'kk-Latn');
    expect(text).toMatchObject({ locale: 'kk-Latn', requestedLocale: 'kk-Latn', transliteratedFrom: 'kk-Cyrl', availableLocales: ['kk-Cyrl', 'ru'] });
    expect(text.title).toBe('Saiabaqty tazalau');
  });

  it('transliterates kk-Latn into kk-Cyrl', () => {
    expect(localize({ 'kk-Latn': { title: 'Saiabaqty tazalau', description: 'Bızben bırge keliñiz.' } }, 'kk-Cyrl')).toMatchObject({
      locale: 'kk-Cyrl',
      transliteratedFrom: 'kk-Latn',
      title: 'Саябақты тазалау',
    });
  });

  it('falls back to ru, then en', () => {
    expect(localize({ ru, en }, 'kk-Cyrl')).toMatchObject({ locale: 'ru', title: ru.title });
    expect(localize({ en }, 'kk-Latn')).toMatchObject({ locale: 'en', requestedLocale: 'kk-Latn' });
  });
});
