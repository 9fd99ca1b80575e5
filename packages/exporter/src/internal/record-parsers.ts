/**
 * Reading snapshot files back, chunk by chunk, with real parsers: csv-parse for CSV, a
 * streaming splitter of the top-level array for JSON (each element then goes through
 * `JSON.parse`), lines for NDJSON. Used by `verify` to count rows and by `diff` to read them;
 * memory stays bounded by one record, whatever the file size.
 */
import { Buffer } from 'node:buffer';
import * as FileSystem from '@effect/platform/FileSystem';
import { type CastingContext, type Parser, parse } from 'csv-parse';
import * as Effect from 'effect/Effect';
import * as Stream from 'effect/Stream';
import type { Cell, EntityDefinition } from '../entity.js';
import { SnapshotUnreadable } from '../errors.js';
import { FORMULA_PREFIX, FORMULA_TRIGGERS, type Format } from '../format.js';
import { finishOutput, takeOutput } from './transform-pump.js';

/** One row read back, keyed by column name. */
export type ReadRecord = Readonly<Record<string, Cell>>;

/** Turns the bytes of a file, chunk by chunk, into records. Throws an `Error` on malformed input. */
export interface RecordParser {
  readonly push: (chunk: Uint8Array) => ReadonlyArray<ReadRecord>;
  readonly end: () => Promise<ReadonlyArray<ReadRecord>>;
}

/**
 * A CSV cell as the exporter meant it: an unquoted empty cell is null (a quoted one, `""`, the
 * empty string) and the formula prefix the exporter added is taken off again. A string that
 * itself began with `'` followed by a trigger character reads back without its quote: the
 * only ambiguity of neutralisation, and the reason `diff` prefers a JSON file when there is one.
 */
const csvCell = (value: string, context: CastingContext): Cell | string => {
  if (context.header) return value;
  if (value === '' && !context.quoting) return null;
  if (value.startsWith(FORMULA_PREFIX) && value.length > 1 && FORMULA_TRIGGERS.includes(value[1]!))
    return value.slice(1);
  return value;
};

const csvParser = (): RecordParser => {
  const parser: Parser = parse({ bom: true, columns: true, cast: csvCell, relax_column_count: false });
  let failure: unknown;
  parser.on('error', (error) => {
    failure = error;
  });
  const check = <A>(records: A): A => {
    if (failure !== undefined) throw failure;
    return records;
  };
  return {
    push: (chunk) => {
      parser.write(Buffer.from(chunk));
      return check(takeOutput(parser) as Array<ReadRecord>);
    },
    end: async () => check((await finishOutput(parser)) as Array<ReadRecord>),
  };
};

const parseObject = (text: string, where: string): ReadRecord => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${where} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where} is not an object`);
  return value as ReadRecord;
};

const ndjsonParser = (): RecordParser => {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let carry = '';
  let line = 0;
  const lines = (text: string): Array<ReadRecord> => {
    const parts = (carry + text).split('\n');
    carry = parts.pop()!;
    return parts.map((part) => parseObject(part, `line ${++line}`));
  };
  return {
    push: (chunk) => lines(decoder.decode(chunk, { stream: true })),
    end: async () => {
      const records = lines(decoder.decode());
      if (carry !== '') throw new Error(`line ${line + 1} does not end with a newline`);
      return records;
    },
  };
};

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/** Splits a JSON array into its elements as they stream past, tracking strings and nesting. */
const jsonArrayParser = (): RecordParser => {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // before: nothing read yet; want-element: after `[` or `,`; element: inside one;
  // after-element: want `,` or `]`; done: the array is closed, only whitespace may follow.
  let state: 'before' | 'want-element' | 'element' | 'after-element' | 'done' = 'before';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let element = '';
  let count = 0;
  let sawComma = false;

  const consume = (text: string): Array<ReadRecord> => {
    const records: Array<ReadRecord> = [];
    // Where the element being read starts in this chunk: 0 when it began in an earlier one.
    let start = state === 'element' ? 0 : -1;
    const close = (end: number) => {
      element += text.slice(start, end);
      records.push(parseObject(element, `element ${++count}`));
      element = '';
      start = -1;
    };
    for (let i = 0; i < text.length; i++) {
      const char = text[i]!;
      if (state === 'element') {
        if (inString) {
          if (escaped) escaped = false;
          else if (char === '\\') escaped = true;
          else if (char === '"') inString = false;
        } else if (char === '"') {
          inString = true;
        } else if (char === '{' || char === '[') {
          depth++;
        } else if (char === '}' || char === ']') {
          if (depth === 0) {
            // The array's own closing bracket, right after a scalar element.
            if (char === '}') throw new Error(`unexpected "}" in element ${count + 1}`);
            close(i);
            state = 'done';
          } else if (--depth === 0) {
            close(i + 1);
            state = 'after-element';
          }
        } else if (char === ',' && depth === 0) {
          close(i);
          state = 'want-element';
          sawComma = true;
        }
        continue;
      }
      if (WHITESPACE.has(char)) continue;
      if (state === 'before') {
        if (char !== '[') throw new Error('the file is not a JSON array');
        state = 'want-element';
      } else if (state === 'want-element') {
        if (char === ']' && !sawComma) {
          state = 'done';
          continue;
        }
        if (char === ',' || char === ']') throw new Error(`unexpected "${char}" after element ${count}`);
        state = 'element';
        start = i;
        sawComma = false;
        i--; // read the element's first character in the element state
      } else if (state === 'after-element') {
        if (char === ',') {
          state = 'want-element';
          sawComma = true;
        } else if (char === ']') state = 'done';
        else throw new Error(`expected "," or "]" after element ${count}, found "${char}"`);
      } else {
        throw new Error('data after the end of the JSON array');
      }
    }
    if (start >= 0) element += text.slice(start);
    return records;
  };

  return {
    push: (chunk) => consume(decoder.decode(chunk, { stream: true })),
    end: async () => {
      const records = consume(decoder.decode());
      if (state !== 'done') throw new Error('the JSON array is not closed');
      return records;
    },
  };
};

const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * Types a CSV record's cells as the entity's columns say: CSV holds text only, so `true` and
 * `false` in a boolean column and numbers in a number column are read back as such (the casts
 * the CSV writer made, reversed), and a diff finds the same values in CSV as in JSON.
 */
export const typeCsvRecord = (entity: EntityDefinition): ((record: ReadRecord) => ReadRecord) => {
  const typed = entity.columns.filter((column) => column.type === 'boolean' || column.type === 'number');
  if (typed.length === 0) return (record) => record;
  return (record) => {
    const copy: Record<string, Cell> = { ...record };
    for (const { name, type } of typed) {
      const value = copy[name];
      if (typeof value !== 'string') continue;
      if (type === 'boolean' && (value === 'true' || value === 'false')) copy[name] = value === 'true';
      else if (type === 'number' && NUMBER.test(value)) copy[name] = Number(value);
    }
    return copy;
  };
};

/** A parser for a file of this format. */
export const makeRecordParser = (format: Format): RecordParser => {
  switch (format) {
    case 'csv':
      return csvParser();
    case 'json':
      return jsonArrayParser();
    case 'ndjson':
      return ndjsonParser();
  }
};

const unreadable = (path: string) => (cause: unknown) =>
  new SnapshotUnreadable({ path, reason: cause instanceof Error ? cause.message : String(cause) });

/**
 * Streams a file's chunks through a parser. `onChunk` sees every chunk of bytes first (verify
 * hashes them); the stream emits the records.
 */
export const readRecords = (
  path: string,
  format: Format,
  onChunk: (chunk: Uint8Array) => void = () => {},
): Stream.Stream<ReadRecord, SnapshotUnreadable, FileSystem.FileSystem> =>
  Stream.unwrap(
    Effect.map(FileSystem.FileSystem, (fs) => {
      const parser = makeRecordParser(format);
      const failed = unreadable(path);
      return fs.stream(path, { chunkSize: 64 * 1024 }).pipe(
        Stream.mapError(failed),
        Stream.mapConcatEffect((chunk) =>
          Effect.try({
            try: () => {
              onChunk(chunk);
              return parser.push(chunk);
            },
            catch: failed,
          }),
        ),
        Stream.concat(Stream.fromIterableEffect(Effect.tryPromise({ try: parser.end, catch: failed }))),
      );
    }),
  );
