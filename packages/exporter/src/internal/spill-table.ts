/**
 * Sorting with bounded memory: rows arrive in API order and are spilled, one JSON array per line,
 * to a work file; only an index of (sort key, offset, length) stays in memory. Sorting sorts the
 * index, and rows are read back one by one in key order, so 200 000 users never sit in memory
 * as row objects at once. The same index answers key lookups for joins.
 *
 * The file is read and written synchronously: it is local scratch space, the calls are short
 * (one buffered append per megabyte, one positional read per row), and a row read costs a
 * microsecond instead of a promise round trip.
 */
import { Buffer } from 'node:buffer';
import * as fs from 'node:fs';
import { columnIndexes, type EntityDefinition, keyPart, type Row } from '../entity.js';

const FLUSH_AT = 1024 * 1024;

/**
 * A sort key as one string that compares like the tuple of its parts: each part with NUL
 * written as NUL + U+0001, parts joined by two NULs. Code-unit order of the encoded strings is
 * the tuple's code-unit order, component by component, so one plain string per row is all the
 * index keeps.
 */
export const encodeKey = (parts: ReadonlyArray<string>): string =>
  parts.length === 1 && !parts[0]!.includes('\u0000')
    ? parts[0]!
    : parts.map((part) => part.replaceAll('\u0000', '\u0000\u0001')).join('\u0000\u0000');

/** The parts of an encoded key. */
export const decodeKey = (key: string, parts: number): ReadonlyArray<string> =>
  parts === 1 && !key.includes('\u0000')
    ? [key]
    : key.split('\u0000\u0000').map((part) => part.replaceAll('\u0000\u0001', '\u0000'));

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A growable array of numbers in a typed array: 8 bytes a row, no object per entry. */
class NumberColumn {
  #values = new Float64Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.length++] = value;
  }
  get(index: number): number {
    return this.#values[index]!;
  }
}

/** The result of sorting: the first key found twice, if any. */
export interface SealResult {
  readonly duplicateKey: ReadonlyArray<string> | undefined;
}

/** One entity's rows on disk, indexed by sort key. */
export class SpillTable {
  readonly #fd: number;
  readonly #keyIndexes: ReadonlyArray<number>;
  #keys: Array<string> = [];
  #offsets = new NumberColumn();
  #lengths = new NumberColumn();
  #written = 0;
  #pending: Array<string> = [];
  #pendingBytes = 0;
  #order: Uint32Array | undefined;
  #readBuffer = Buffer.alloc(64 * 1024);

  private constructor(
    readonly entity: EntityDefinition,
    fd: number,
  ) {
    this.#fd = fd;
    this.#keyIndexes = columnIndexes(entity, entity.sortKey);
  }

  /** Creates the work file at `path` (mode 0600; it must not exist). */
  static create(path: string, entity: EntityDefinition): SpillTable {
    return new SpillTable(entity, fs.openSync(path, 'wx+', 0o600));
  }

  /** Rows held. */
  get count(): number {
    return this.#keys.length;
  }

  /** Adds rows (in any order). */
  append(rows: Iterable<Row>): void {
    this.#order = undefined;
    for (const row of rows) {
      const line = `${JSON.stringify(row)}\n`;
      const length = Buffer.byteLength(line, 'utf8');
      this.#keys.push(encodeKey(this.#keyIndexes.map((index) => keyPart(row[index]))));
      this.#offsets.push(this.#written + this.#pendingBytes);
      this.#lengths.push(length);
      this.#pending.push(line);
      this.#pendingBytes += length;
      if (this.#pendingBytes >= FLUSH_AT) this.#flush();
    }
  }

  /** Forgets every row, to fetch the entity again. */
  reset(): void {
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#keys = [];
    this.#offsets = new NumberColumn();
    this.#lengths = new NumberColumn();
    this.#order = undefined;
    this.#written = 0;
    fs.ftruncateSync(this.#fd, 0);
  }

  /** Writes out what is buffered and sorts the index by key; reports a key found twice. */
  seal(): SealResult {
    this.#flush();
    const keys = this.#keys;
    const order = new Uint32Array(keys.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    order.sort((a, b) => byCodeUnits(keys[a]!, keys[b]!));
    this.#order = order;
    for (let i = 1; i < order.length; i++) {
      const key = keys[order[i]!]!;
      if (keys[order[i - 1]!] === key) return { duplicateKey: decodeKey(key, this.#keyIndexes.length) };
    }
    return { duplicateKey: undefined };
  }

  /** Rows in key order, `batchSize` at a time. Call after `seal`. */
  *sorted(batchSize: number): Generator<ReadonlyArray<Row>> {
    const order = this.#sortedOrder();
    for (let start = 0; start < order.length; start += batchSize) {
      const batch: Array<Row> = [];
      const end = Math.min(start + batchSize, order.length);
      for (let i = start; i < end; i++) batch.push(this.#read(order[i]!));
      yield batch;
    }
  }

  /** The row with this key, by binary search. Call after `seal`. */
  lookup(parts: ReadonlyArray<string>): Row | undefined {
    const order = this.#sortedOrder();
    const key = encodeKey(parts);
    let low = 0;
    let high = order.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const index = order[middle]!;
      const comparison = byCodeUnits(this.#keys[index]!, key);
      if (comparison === 0) return this.#read(index);
      if (comparison < 0) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  /** Closes the work file (the caller removes it). */
  close(): void {
    fs.closeSync(this.#fd);
  }

  #sortedOrder(): Uint32Array {
    if (this.#order === undefined)
      throw new Error(`${this.entity.name}: the spill table was read before it was sealed`);
    return this.#order;
  }

  #flush(): void {
    if (this.#pendingBytes === 0) return;
    const data = Buffer.from(this.#pending.join(''), 'utf8');
    let done = 0;
    while (done < data.length) {
      done += fs.writeSync(this.#fd, data, done, data.length - done, this.#written + done);
    }
    this.#written += data.length;
    this.#pending = [];
    this.#pendingBytes = 0;
  }

  #read(index: number): Row {
    const length = this.#lengths.get(index);
    const offset = this.#offsets.get(index);
    if (this.#readBuffer.length < length)
      this.#readBuffer = Buffer.alloc(Math.max(length, this.#readBuffer.length * 2));
    let done = 0;
    while (done < length) {
      const read = fs.readSync(this.#fd, this.#readBuffer, done, length - done, offset + done);
      if (read === 0) throw new Error(`${this.entity.name}: the spill file ended early`);
      done += read;
    }
    return JSON.parse(this.#readBuffer.toString('utf8', 0, length)) as Row;
  }
}
