import type { StaffRole } from '@birgemiz/contracts';

/** Demo staff: one per role besides the bootstrap admin. */
export const DEMO_STAFF: { email: string; displayName: string; role: StaffRole }[] = [
  { email: 'editor@birgemiz.local', displayName: 'Айгерім Редактор', role: 'editor' },
  { email: 'coordinator@birgemiz.local', displayName: 'Ерлан Үйлестіруші', role: 'coordinator' },
];
