/**
 * Profiles real directories contain and exports must survive: CSV-significant characters,
 * spreadsheet-formula prefixes, control characters, many scripts, emoji, and missing values.
 * Every one appears among the first users of any seed (at least this many users).
 */
export interface SeedProfile {
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly title: string | null;
}

export const AWKWARD_PROFILES: ReadonlyArray<SeedProfile> = [
  { firstName: 'Smith, John', lastName: 'Doe, Jr.', title: 'Director, Sales, EMEA' },
  { firstName: 'Dwayne "The Rock"', lastName: 'Johnson', title: 'Head of "Growth"' },
  { firstName: 'Line', lastName: 'Break', title: 'Head of\nOperations' },
  { firstName: 'Carriage', lastName: 'Return\r\nUser', title: 'Ops\rLead' },
  { firstName: '=SUM(A1:A9)', lastName: '=HYPERLINK("http://example.com","click")', title: "=cmd|' /C calc'!A0" },
  { firstName: '+1 555 0100', lastName: 'Plus', title: '+Plus title' },
  { firstName: '-Minus', lastName: '-1', title: '-2+3' },
  { firstName: '@mention', lastName: '@handle', title: '@SUM(1,2)' },
  { firstName: '\tTabbed', lastName: 'Tab\tInside', title: '\tLeading tab' },
  { firstName: '\rReturn', lastName: 'Leading CR', title: '\r\nCRLF first' },
  { firstName: '李', lastName: '小龙', title: '首席执行官' },
  { firstName: '山田', lastName: '太郎', title: 'ソフトウェアエンジニア' },
  { firstName: 'محمد', lastName: 'عبد الله', title: 'مدير المنتج' },
  { firstName: 'Анна', lastName: 'Каренина', title: 'Главный бухгалтер' },
  { firstName: 'Emoji 🚀', lastName: 'Party 🎉👩‍💻', title: 'Chief 🍕 Officer' },
  { firstName: 'Ä̈ccents', lastName: 'Z͑ͫ̓ͪ̂ͫ̽͏̴̙̤̞͉͚̯̞̠͍algo', title: 'Combining marks' },
  { firstName: null, lastName: null, title: null },
  { firstName: 'Only', lastName: null, title: null },
  { firstName: null, lastName: 'Surname', title: 'No first name' },
  { firstName: '', lastName: '', title: '' },
  { firstName: '  padded  ', lastName: ' spaces ', title: 'trailing space ' },
  { firstName: 'null', lastName: 'NULL', title: 'undefined' },
  { firstName: 'Semi;colon', lastName: 'Pipe|Bar', title: 'Back\\slash' },
  { firstName: "O'Brien", lastName: "D'Arcy", title: "It's complicated" },
  { firstName: '<script>alert(1)</script>', lastName: '&amp;', title: '<b>Bold</b>' },
  { firstName: 'Very', lastName: 'Long'.repeat(64), title: 'A title that goes on, and on, and on. '.repeat(8).trim() },
];

/** Email local parts that trip naive parsers (each made unique by the generator). */
export const AWKWARD_EMAIL_LOCALS: ReadonlyArray<string> = [
  "o'brien+audit",
  'UPPER.CASE',
  'first.last+tag',
  'user_name-with.dots',
  'ünïcödé',
];
