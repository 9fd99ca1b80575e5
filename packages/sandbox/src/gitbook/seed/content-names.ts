/** Title pools for seeded GitBook content (at most 50 characters, as the spec allows). */

export const SPACE_TITLES: ReadonlyArray<string> = [
  'Handbook',
  'API reference',
  'Runbooks, "on-call"',
  'Onboarding 入门',
  '=Release notes',
  'Дизайн-система',
  'Security & Compliance',
  '📣 Announcements',
];

export const COLLECTION_TITLES: ReadonlyArray<string> = [
  'Engineering',
  'Product, Design & Research',
  '+Customer-facing docs',
  'Внутренние документы',
];

export const EMOJIS: ReadonlyArray<string> = ['1f4d8', '1f680', '1f512', '📚', '🧭', '🛠️'];
