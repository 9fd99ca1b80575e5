/**
 * The file formats of a snapshot and the CSV dialect rollcall writes.
 *
 * @module
 */

/** Every format, in the order their files are listed. */
export const FORMATS = ['csv', 'json', 'ndjson'] as const;

/** A snapshot file format; also the file extension. */
export type Format = (typeof FORMATS)[number];

/** `users` + `csv` → `users.csv`. */
export const fileName = (entity: string, format: Format): string => `${entity}.${format}`;

/** Whether a string names a format. */
export const isFormat = (value: string): value is Format => (FORMATS as ReadonlyArray<string>).includes(value);

/**
 * Characters that make a spreadsheet read a cell as a formula (or that spreadsheets strip before
 * reading it): a string cell beginning with one of them is written with {@link FORMULA_PREFIX} in
 * front (csv-stringify's `escape_formulas`, for one, misses LF and NUL).
 */
export const FORMULA_TRIGGERS: ReadonlyArray<string> = ['=', '+', '-', '@', '\t', '\r', '\n', '\u0000'];

/** What a neutralised cell is prefixed with. */
export const FORMULA_PREFIX = "'";

/** The CSV dialect, as recorded in the manifest. */
export const CSV_DIALECT = {
  encoding: 'UTF-8',
  delimiter: ',',
  quote: '"',
  recordDelimiter: '\r\n',
  header: true,
  nullAs: 'empty cell',
  emptyStringAs: '""',
  formulaPrefix: FORMULA_PREFIX,
  formulaTriggers: FORMULA_TRIGGERS,
} as const;

/** The cell with a formula prefix when it needs one, else `undefined`. */
export const neutraliseFormula = (value: string): string | undefined =>
  value.length > 0 && FORMULA_TRIGGERS.includes(value[0]!) ? FORMULA_PREFIX + value : undefined;
