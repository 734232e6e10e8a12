import {
  composeIfNeeded,
  isCyrillicLetterCode,
  isLatinLetterCode,
  lowerCase,
  stringFromCodeUnits,
} from './text-utils';

describe('text utilities', () => {
  it('composeIfNeeded composes only text with combining marks', () => {
    const plain = 'Қазақстан';
    expect(composeIfNeeded(plain)).toBe(plain);
    expect(composeIfNeeded('a\u0308')).toBe('ä');
  });

  it('lowerCase maps İ to a single i', () => {
    expect(lowerCase('İUNİSEF')).toBe('iunisef');
    expect(lowerCase('ҚАЗАҚ Qazaq')).toBe('қазақ qazaq');
  });

  it('classifies letters by script', () => {
    expect(isCyrillicLetterCode('ә'.charCodeAt(0))).toBe(true);
    expect(isCyrillicLetterCode('\u0483'.charCodeAt(0))).toBe(false); // combining titlo
    expect(isLatinLetterCode('ū'.charCodeAt(0))).toBe(true);
    expect(isLatinLetterCode('×'.charCodeAt(0))).toBe(false);
    expect(isLatinLetterCode('1'.charCodeAt(0))).toBe(false);
  });

  it('stringFromCodeUnits rebuilds long strings in chunks, lone surrogates included', () => {
    const text = `${'ab\ud800c😀'.repeat(5000)}z`;
    const units = new Uint16Array(text.length + 10);
    for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
    expect(stringFromCodeUnits(units, text.length)).toBe(text);
    expect(stringFromCodeUnits(units, 0)).toBe('');
  });
});
