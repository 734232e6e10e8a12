/**
 * Regions (oblys) of Kazakhstan and cities of republican significance, by stable code.
 * Codes are wire values: DO NOT RENAME.
 */
export const REGION_CODES = [
  'astana',
  'almaty',
  'shymkent',
  'abai',
  'akmola',
  'aktobe',
  'almaty-region',
  'atyrau',
  'east-kazakhstan',
  'jambyl',
  'jetisu',
  'karaganda',
  'kostanay',
  'kyzylorda',
  'mangystau',
  'north-kazakhstan',
  'pavlodar',
  'turkistan',
  'ulytau',
  'west-kazakhstan',
] as const;

export type RegionCode = (typeof REGION_CODES)[number];
