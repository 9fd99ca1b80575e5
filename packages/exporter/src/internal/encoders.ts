/**
 * Row encoders: rows in, text out, one per file format. The CSV one goes through csv-stringify's
 * stream API with explicit casts, so no value ever takes csv-stringify's default form (booleans
 * as `1`/empty, dates as epoch milliseconds).
 */
import { Buffer } from 'node:buffer';
import { type Stringifier, stringify } from 'csv-stringify';
import { type EntityDefinition, type Row, rowToObject } from '../entity.js';
import { CSV_DIALECT, type Format, neutraliseFormula } from '../format.js';
import { finishOutput, takeOutput } from './transform-pump.js';

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

/** The stringifier's output as text: its records are strings, its byte order mark a Buffer. */
const chunksToText = (chunks: ReadonlyArray<unknown>): string =>
  chunks
    .map((chunk) => (typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8')))
    .join('');

const csvEncoder = (entity: EntityDefinition, options: EncoderOptions): RowEncoder => {
  let neutralised = 0;
  const stringifier: Stringifier = stringify({
    // Records come out as the strings csv-stringify makes, not each copied into a Buffer and
    // decoded back: that round trip was most of the CSV writer's memory traffic.
    readableObjectMode: true,
    readableHighWaterMark: 1024,
    columns: entity.columns.map((column) => column.name),
    header: true,
    bom: options.bom,
    delimiter: CSV_DIALECT.delimiter,
    quote: CSV_DIALECT.quote,
    record_delimiter: CSV_DIALECT.recordDelimiter,
    // Quote a field holding a lone CR or LF too (csv-stringify stops doing so once
    // `record_delimiter` is set): RFC 4180 wants every line break inside a field quoted.
    quote_record_delimiter: true,
    escape_formulas: false,
    cast: {
      string: (value, context) => {
        if (value === '') return { value: '', quoted_empty: true };
        if (context.header) return value;
        const prefixed = neutraliseFormula(value);
        if (prefixed === undefined) return value;
        neutralised++;
        return prefixed;
      },
      boolean: (value) => (value ? 'true' : 'false'),
      number: (value) => (Number.isFinite(value) ? String(value) : ''),
      bigint: (value) => String(value),
      date: (value) => value.toISOString(),
      object: (value) => JSON.stringify(value),
      null: () => '',
      undefined: () => '',
    },
  });
  return {
    format: 'csv',
    encode: (rows) => {
      for (const row of rows) stringifier.write(row);
      return chunksToText(takeOutput(stringifier));
    },
    finish: async () => chunksToText(await finishOutput(stringifier)),
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
