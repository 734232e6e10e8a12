import { applicationFormSchema, normalizeKazakhstanPhone } from '..';

function validForm(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    fullName: 'Айгүл Серікқызы',
    email: 'Aigul@Example.kz',
    phone: '+7 701 234 56 78',
    birthDate: '1998-04-12',
    region: 'akmola',
    city: 'Kokshetau',
    languages: [
      { code: 'kk', level: 'native', scripts: ['latn', 'cyrl'] },
      { code: 'ru', level: 'fluent' },
    ],
    skills: ['first-aid', 'translation'],
    availability: { days: ['sat', 'sun'], timesOfDay: ['morning'], hoursPerWeek: 6 },
    motivation: 'I want to help my city and meet people who care about it.',
    consent: { accepted: true, version: '2026-01' },
    ...overrides,
  };
}

function reasons(input: unknown): string[] {
  const result = applicationFormSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => `${i.path.join('.')}:${(i.code === 'custom' && (i.params as { reason?: string })?.reason) || i.code}`);
}

describe('Kazakhstan phone numbers', () => {
  it.each([
    ['+7 701 234 56 78', '+77012345678'],
    ['87012345678', '+77012345678'],
    ['8 (701) 234-56-78', '+77012345678'],
    ['7012345678', '+77012345678'],
    ['77012345678', '+77012345678'],
    ['+7 727 250 00 00', '+77272500000'],
  ])('%s → %s', (input, e164) => {
    expect(normalizeKazakhstanPhone(input)).toBe(e164);
  });

  it.each(['+7 916 123 45 67', '+1 202 555 0123', '12345', '+7701234567', '+770123456789', 'phone', ''])('rejects %s', (input) => {
    expect(normalizeKazakhstanPhone(input)).toBeNull();
  });
});

describe('application form', () => {
  it('accepts a valid form and normalises it', () => {
    const form = applicationFormSchema.parse(validForm());
    expect(form).toMatchObject({ email: 'aigul@example.kz', phone: '+77012345678' });
    expect(form.languages[0]).toEqual({ code: 'kk', level: 'native', scripts: ['cyrl', 'latn'] });
    expect(form.languages[1]).toEqual({ code: 'ru', level: 'fluent', scripts: [] });
  });

  it('is idempotent: a parsed form parses to itself (the service validates what the gateway passed on)', () => {
    const once = applicationFormSchema.parse(validForm());
    expect(applicationFormSchema.parse(once)).toEqual(once);
  });

  it.each([
    ['an invalid phone', { phone: '+7 916 123 45 67' }, 'phone:invalid_phone'],
    ['an invalid e-mail', { email: 'not-an-email' }, 'email:invalid_string'],
    ['a birth date in the future', { birthDate: '2999-01-01' }, 'birthDate:birth_date_in_future'],
    ['an impossible date', { birthDate: '2001-02-30' }, 'birthDate:invalid_date'],
    ['a child', { birthDate: `${new Date().getUTCFullYear() - 10}-01-01` }, 'birthDate:too_young'],
    ['a minor without guardian', { birthDate: `${new Date().getUTCFullYear() - 16}-01-01` }, 'guardian:guardian_consent_required'],
    ['consent not given', { consent: { accepted: false, version: '2026-01' } }, 'consent.accepted:consent_required'],
    ['missing consent', { consent: undefined }, 'consent:invalid_type'],
    ['an unknown consent version', { consent: { accepted: true, version: '1999-01' } }, 'consent.version:invalid_enum_value'],
    ['an unknown region', { region: 'atlantis' }, 'region:invalid_enum_value'],
    ['HTML in the name', { fullName: '<b>Aigul</b>' }, 'fullName:html_not_allowed'],
    ['script in the motivation', { motivation: 'Hello <script>alert(1)</script> I want to help' }, 'motivation:html_not_allowed'],
    ['a javascript: URL in the city', { city: 'javascript:alert(1)' }, 'city:html_not_allowed'],
    ['a 1 MB motivation', { motivation: 'x'.repeat(1_000_000) }, 'motivation:too_big'],
    ['Kazakh without scripts', { languages: [{ code: 'kk', level: 'basic' }] }, 'languages.0.scripts:scripts_required'],
    ['scripts for Russian', { languages: [{ code: 'ru', level: 'basic', scripts: ['latn'] }] }, 'languages.0.scripts:scripts_not_applicable'],
    ['an unknown skill', { skills: ['hacking'] }, 'skills.0:invalid_enum_value'],
    ['an extra field', { admin: true }, ':unrecognized_keys'],
  ])('rejects %s', (_what, override, expected) => {
    expect(reasons(validForm(override))).toContain(expected);
  });

  it('accepts a minor with a guardian’s consent', () => {
    const guardian = { fullName: 'Серік Ахметов', phone: '8 777 000 11 22', consented: true };
    const form = applicationFormSchema.parse(validForm({ birthDate: `${new Date().getUTCFullYear() - 16}-01-01`, guardian }));
    expect(form.guardian).toEqual({ ...guardian, phone: '+77770001122' });
  });

  it('lets the harmless "<3" and "a < b" through', () => {
    expect(reasons(validForm({ motivation: 'I <3 my city, and 2 < 3 is true; I want to help people.' }))).toEqual([]);
  });
});
