import { transliterateCyrillicToLatin } from './cyrillic-to-latin';
import { foldKazakhKeyboard } from './keyboard-fold';
import { foldLatin } from './latin-fold';
import { searchForms } from './search-forms';
import { ROUND_TRIP_WORDS } from './test-data/real-words';

/** The forms every one of the spellings shares. */
function sharedForms(spellings: readonly string[]): string[] {
  const [first, ...rest] = spellings.map(searchForms);
  return first.filter((form) => rest.every((forms) => forms.includes(form)));
}

describe('searchForms', () => {
  describe('shape', () => {
    it.each([
      ['Қазақ', ['қазақ', 'казак', 'qazaq']],
      ['ҚАЗАҚ', ['қазақ', 'казак', 'qazaq']],
      ['казак', ['казак', 'kazak']],
      ['Qazaq', ['qazaq', 'казак']],
      ['qazaq', ['qazaq', 'казак']],
      ['Öskemen', ['öskemen', 'oskemen', 'оскемен']],
      ['Өскемен', ['өскемен', 'оскемен', 'oskemen']],
      ['Астана', ['астана', 'astana']],
      ['Astana', ['astana', 'астана']],
      ['ЮНИСЕФ', ['юнисеф', 'iunisef']],
      ['İUNİSEF', ['iunisef', 'юнисеф']],
      ['COVID-19 вакцинасы', ['covid-19 вакцинасы', 'covid-19 vaksinasy', 'cовид-19 вакцинасы']],
      ['Birgemiz қоры', ['birgemiz қоры', 'birgemiz коры', 'birgemiz qory', 'биргемиз коры']],
      ['2024', ['2024']],
      ['!!!', ['!!!']],
      ['', []],
    ])('%j → %j', (text, forms) => {
      expect(searchForms(text)).toEqual(forms);
    });

    it('returns lower-case, deduplicated forms', () => {
      for (const word of ROUND_TRIP_WORDS) {
        const forms = searchForms(word);
        expect(new Set(forms).size).toBe(forms.length);
        for (const form of forms) expect(form).toBe(form.toLowerCase());
      }
    });

    it('lower-cases İ to a plain i, without a combining dot', () => {
      expect(searchForms('İran')).toEqual(['iran', 'иран']);
      for (const form of searchForms('İUNİSEF Şymkent')) expect(form).not.toContain('\u0307');
    });

    it('starts with the lower-cased text itself', () => {
      expect(searchForms('Шымкент')[0]).toBe('шымкент');
      expect(searchForms('Şymkent')[0]).toBe('şymkent');
    });
  });

  describe('the spellings meet', () => {
    it('"қазақ", "казак", "qazaq", "Qazaq", "ҚАЗАҚ" share a form', () => {
      expect(sharedForms(['қазақ', 'казак', 'qazaq', 'Qazaq', 'ҚАЗАҚ', 'QAZAQ', 'Қазақ'])).toEqual(['казак']);
    });

    it('"Қазақстан", "Qazaqstan", "Казакстан" share a form', () => {
      expect(sharedForms(['Қазақстан', 'Qazaqstan', 'Казакстан', 'қазақстан', 'QAZAQSTAN'])).toEqual(['казакстан']);
    });

    it('"Шымкент", "Şymkent", "Symkent" (typed without the cedilla) share a form', () => {
      expect(sharedForms(['Шымкент', 'Şymkent', 'Symkent', 'шымкент'])).toEqual(['symkent']);
    });

    it.each(ROUND_TRIP_WORDS.map((word) => [word]))(
      '%s meets its keyboard, Latin, accent-free Latin and upper-case spellings',
      (word) => {
        const latin = transliterateCyrillicToLatin(word);
        const keyboard = foldKazakhKeyboard(word);
        const cyrillicForms = searchForms(word);
        for (const other of [latin, latin.toUpperCase(), foldLatin(latin), keyboard, word.toUpperCase()]) {
          const otherForms = searchForms(other);
          expect(otherForms.filter((form) => cyrillicForms.includes(form))).not.toHaveLength(0);
        }
        // Keyboard spelling and Latin spelling meet each other too, not only the Kazakh Cyrillic original.
        expect(searchForms(keyboard).filter((form) => searchForms(latin).includes(form))).not.toHaveLength(0);
      },
    );

    it('matches a mixed document with Cyrillic and Latin queries', () => {
      const document = searchForms('Birgemiz жобасы: Қазақстан, вакцина');
      expect(document.some((form) => form.includes(searchForms('Qazaqstan')[1]))).toBe(true); // "казакстан"
      expect(document.some((form) => form.includes(searchForms('vaksina')[0]))).toBe(true);
      expect(document.some((form) => form.includes(searchForms('биргемиз')[0]))).toBe(true);
      expect(document.some((form) => form.includes(searchForms('Jobasy')[0]))).toBe(true);
    });
  });

  describe('older Latin spellings', () => {
    it('meet when they differ only by accents (2018 acute letters: á ǵ ń ó ú)', () => {
      expect(sharedForms(['Өскемен', 'Óskemen'])).toEqual(['oskemen']);
      expect(sharedForms(['әлеуметтік', 'áleumettik'])).toEqual(['aleumettik']);
      expect(sharedForms(['жаңалықтар', 'jańalyqtar'])).toEqual(['janalyqtar']);
    });

    it('do not meet where the 2018 spelling uses other letters (ý for у, sh for ш) — documented limitation', () => {
      expect(sharedForms(['Көкшетау', 'Kókshetaý'])).toEqual([]);
    });

    it('do not meet for the 2017 apostrophe spelling — documented limitation', () => {
      expect(sharedForms(['Өскемен', "O'skemen"])).toEqual([]);
    });
  });

  it('handles a large document', () => {
    const text = 'Қазақстан Республикасы. '.repeat(40_000);
    const forms = searchForms(text);
    expect(forms).toHaveLength(3);
    expect(forms[2].startsWith('qazaqstan respublikasy. ')).toBe(true);
  });
});
