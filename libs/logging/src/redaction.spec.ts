import { maskEmailAddresses } from './redaction';

describe('maskEmailAddresses', () => {
  it('masks every address in a text and keeps the rest', () => {
    const text = '550 5.1.1 <aigerim.s+news@example.kz>: Recipient address rejected; also "b@mail.ru" (c@x.kz)';
    const masked = maskEmailAddresses(text);
    expect(masked).toBe('550 5.1.1 <***@***>: Recipient address rejected; also "***@***" (***@***)');
  });

  it('masks addresses quoted in database errors and leaves texts without one alone', () => {
    expect(maskEmailAddresses('invalid input syntax for type uuid: "x@example.kz"')).toBe('invalid input syntax for type uuid: "***@***"');
    expect(maskEmailAddresses('webhook answered 503')).toBe('webhook answered 503');
  });
});
