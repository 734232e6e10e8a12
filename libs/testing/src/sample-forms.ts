/**
 * A valid "Become a volunteer" form for load and fault runs: `n` makes the name and the phone distinct, `email` the
 * person (the service allows one application per e-mail and period), `purpose` shows up in the motivation.
 */
export function sampleApplicationForm(n: number, email: string, purpose: string) {
  return {
    fullName: `${purpose} Volunteer ${n}`,
    email,
    phone: `+77${String(100_000_000 + (n % 900_000_000)).padStart(9, '0')}`,
    birthDate: '1990-01-01',
    region: 'astana',
    city: 'Astana',
    languages: [{ code: 'kk', level: 'fluent', scripts: ['cyrl'] }],
    skills: ['event-support'],
    availability: { days: ['sat'], timesOfDay: ['morning'], hoursPerWeek: 4 },
    motivation: `${purpose} submission: I would like to help.`,
    consent: { accepted: true, version: '2026-01' },
  };
}
