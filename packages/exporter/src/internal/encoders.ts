/**
 * Row encoders: rows in, text out, one per file format. Every cell is formatted explicitly
 * (booleans as `true`/`false`, timestamps as the ISO strings the rows hold), never left to a
 * library's default form.
 */
import { type EntityDefinition, type Row, rowToObject } from '../entity.js';
import { CSV_DIALECT, type Format, neutraliseFormula } from '../format.js';

/** Turns rows into the text of one file. `encode` may be called any number of times, then `finish` once. */
export interface RowEncoder {
  readonly format: Format;
  /** The text for these rows (and whatever preamble is due). */
  readonly encode: (rows: ReadonlyArray<Row>) => string;
  /** The rest of the file: header of an empty CSV, closing bracket of a JSON array. */
  readonly finish: () => Promise<string>;
  /** CSV cells that were given a formula prefix so far. */
  readonly neutralisedCells: () => number;
}

/** Options that change the bytes of a file. */
export interface EncoderOptions {
  /** Start CSV files with a UTF-8 byte order mark. */
  readonly bom: boolean;
}

const { delimiter: DELIMITER, quote: QUOTE, recordDelimiter: RECORD_END } = CSV_DIALECT;

/** A field holding a delimiter, a quote or a line break (even a lone CR or LF) is quoted (RFC 4180). */
const NEEDS_QUOTES = new RegExp(`[${DELIMITER}${QUOTE}\r\n]`);

/** One CSV field from its text: quoted, with its quotes doubled, when it must be. */
const csvField = (text: string): string =>
  NEEDS_QUOTES.test(text) ? `${QUOTE}${text.replaceAll(QUOTE, QUOTE + QUOTE)}${QUOTE}` : text;

/** A record's fields joined by the delimiter and ended by the record delimiter. */
const csvRecord = (fields: ReadonlyArray<string>): string => `${fields.join(DELIMITER)}${RECORD_END}`;

/**
 * The CSV dialect of `CSV_DIALECT` (src/format.ts), written directly: a cell is at most one regular
 * expression test and, rarely, one replacement. csv-stringify, used before, took nine times as
 * long (143 ms against 16 for the 48 000 rows of a 20 000-user export) and allocated half of the
 * export's garbage on its per-field arrays and options; test/csv-round-trip.property.test.ts holds
 * this encoder to csv-stringify's bytes for the same dialect.
 */
const csvEncoder = (entity: EntityDefinition, options: EncoderOptions): RowEncoder => {
  let neutralised = 0;
  let started = false;
  const columns = entity.columns.length;
  const preamble = `${options.bom ? '\uFEFF' : ''}${csvRecord(entity.columns.map(({ name }) => csvField(name)))}`;
  /** The BOM and header, the first time the file's text is asked for; then nothing. */
  const preambleOnce = (): string => {
    if (started) return '';
    started = true;
    return preamble;
  };
  const cellText = (cell: unknown): string => {
    switch (typeof cell) {
      case 'string': {
        if (cell === '') return QUOTE + QUOTE;
        const prefixed = neutraliseFormula(cell);
        if (prefixed === undefined) return csvField(cell);
        neutralised++;
        return csvField(prefixed);
      }
      case 'boolean':
        return cell ? 'true' : 'false';
      case 'number':
        return Number.isFinite(cell) ? String(cell) : '';
      case 'bigint':
        return String(cell);
      case 'object':
        if (cell === null) return '';
        return csvField(cell instanceof Date ? cell.toISOString() : JSON.stringify(cell));
      default:
        return '';
    }
  };
  return {
    format: 'csv',
    encode: (rows) => {
      let text = preambleOnce();
      for (const row of rows) {
        let line = cellText(row[0]);
        for (let i = 1; i < columns; i++) line += `${DELIMITER}${cellText(row[i])}`;
        text += `${line}${RECORD_END}`;
      }
      return text;
    },
    finish: async () => preambleOnce(),
    neutralisedCells: () => neutralised,
  };
};

const jsonArrayEncoder = (entity: EntityDefinition): RowEncoder => {
  let count = 0;
  return {
    format: 'json',
    encode: (rows) => {
      let text = '';
      for (const row of rows) {
        text += `${count === 0 ? '[\n' : ',\n'}${JSON.stringify(rowToObject(entity, row))}`;
        count++;
      }
      return text;
    },
    finish: async () => (count === 0 ? '[]\n' : '\n]\n'),
    neutralisedCells: () => 0,
  };
};

const ndjsonEncoder = (entity: EntityDefinition): RowEncoder => ({
  format: 'ndjson',
  encode: (rows) => {
    let text = '';
    for (const row of rows) text += `${JSON.stringify(rowToObject(entity, row))}\n`;
    return text;
  },
  finish: async () => '',
  neutralisedCells: () => 0,
});

/**
 * An encoder for one file of `entity` in `format`. JSON is an array with one object per line,
 * NDJSON one object per line; object keys follow the column order. CSV is RFC 4180 with CRLF,
 * a header row even when there are no rows, null as an empty cell and an empty string as `""`.
 */
export const makeEncoder = (format: Format, entity: EntityDefinition, options: EncoderOptions): RowEncoder => {
  switch (format) {
    case 'csv':
      return csvEncoder(entity, options);
    case 'json':
      return jsonArrayEncoder(entity);
    case 'ndjson':
      return ndjsonEncoder(entity);
  }
};
