/**
 * Sorting with bounded memory. Rows arrive in API order and stay in memory while the export's
 * {@link MemoryBudget} allows, so a small export sorts in memory and never reads a row back.
 * Past the budget, the rows held are sorted and written to the work file as a run; sealing then
 * merges the runs into one sorted region of the same file (a sequential copy), with a sparse index
 * of every 64th key for lookups. Memory stays bounded by the budget, plus one read buffer per run
 * while merging, whatever the number of rows.
 *
 * A row on disk is one line, `<its encoded key as JSON>\t<the row as JSON>\n`: JSON escapes every
 * control character, so neither part holds a tab or a newline. The file is read and written
 * synchronously: it is local scratch space, read and written in large sequential chunks.
 */
import { Buffer } from 'node:buffer';
import * as fs from 'node:fs';
import { type Cell, columnIndexes, type EntityDefinition, type Row } from '../entity.js';
import { AppendBuffer } from './append-buffer.js';
import { CellInterner } from './cell-interner.js';
import { LineReader } from './line-reader.js';
import type { MemoryBudget, SpillableBuffer } from './memory-budget.js';
import { binarySearch, byCodeUnits, compareKeyToRow, decodeKey, encodeKey, rowKey } from './sort-key.js';

export { decodeKey, encodeKey } from './sort-key.js';

const SPARSE_EVERY = 64;
const TEXT_CHUNK = 16 * 1024;
const TAB = 0x09;
const BACKSLASH = 0x5c;

/** The result of sorting: the first key found twice, if any. */
export interface SealResult {
  readonly duplicateKey: ReadonlyArray<string> | undefined;
}

/** A region of the work file. */
interface Region {
  readonly start: number;
  readonly end: number;
}

/** The key of a work-file line (`buffer[start, tab)` is its JSON), decoded. */
const lineKey = (buffer: Buffer, start: number, tab: number): string => {
  for (let i = start + 1; i < tab - 1; i++) {
    if (buffer[i] === BACKSLASH) return JSON.parse(buffer.toString('utf8', start, tab)) as string;
  }
  return buffer.toString('utf8', start + 1, tab - 1);
};

const tabOf = (buffer: Buffer, start: number): number => buffer.indexOf(TAB, start);

const lineRow = (buffer: Buffer, tab: number, end: number): Row =>
  JSON.parse(buffer.toString('utf8', tab + 1, end)) as Row;

/** A block of the sorted region, its lines split, for lookups. */
interface Block {
  readonly index: number;
  readonly buffer: Buffer;
  readonly keys: ReadonlyArray<string>;
  /** Per line: where its tab is and where it ends. */
  readonly tabs: ReadonlyArray<number>;
  readonly ends: ReadonlyArray<number>;
}

/** Rows sealed on disk: the sorted region and its sparse index. */
interface SortedOnDisk {
  readonly region: Region;
  readonly sparseKeys: ReadonlyArray<string>;
  readonly sparseOffsets: ReadonlyArray<number>;
}

/** One entity's rows, in memory or on disk, indexed by sort key. */
export class SpillTable implements SpillableBuffer {
  readonly #fd: number;
  readonly #keyIndexes: ReadonlyArray<number>;
  readonly #budget: MemoryBudget;
  readonly #interner: CellInterner;
  /** Rows in memory: unsorted until sealed, sorted after when nothing went to disk. */
  #rows: Array<Row> = [];
  #rowsBytes = 0;
  #count = 0;
  #runs: Array<Region> = [];
  /** Appends to the work file; made at the first spill. */
  #out: AppendBuffer | undefined;
  #sealed = false;
  #onDisk: SortedOnDisk | undefined;
  #block: Block | undefined;
  /** Holds {@link #block}'s lines, reused for the next block (grown when one is longer). */
  #blockBytes: Buffer | undefined;

  private constructor(
    readonly entity: EntityDefinition,
    fd: number,
    budget: MemoryBudget,
  ) {
    this.#fd = fd;
    this.#keyIndexes = columnIndexes(entity, entity.sortKey);
    this.#budget = budget;
    this.#interner = new CellInterner(entity.columns.length);
    budget.register(this);
  }

  /** Creates the work file at `path` (mode 0600; it must not exist), to hold rows beyond `budget`. */
  static create(path: string, entity: EntityDefinition, budget: MemoryBudget): SpillTable {
    return new SpillTable(entity, fs.openSync(path, 'wx+', 0o600), budget);
  }

  /** Rows held. */
  get count(): number {
    return this.#count;
  }

  /** Whether rows went to the work file (the budget was exceeded). */
  get spilled(): boolean {
    return this.#runs.length > 0;
  }

  get spillableBytes(): number {
    return this.#sealed ? 0 : this.#rowsBytes;
  }

  /** Adds rows (in any order). */
  append(rows: Iterable<Row>): void {
    if (this.#sealed) throw new Error(`${this.entity.name}: rows appended to a sealed spill table`);
    let bytes = 0;
    for (const row of rows) {
      // The table owns the rows from here (sources build a fresh array per row): repeated
      // values are shared in place rather than copied.
      bytes += this.#interner.intern(row as Array<Cell>);
      this.#rows.push(row);
      this.#count++;
    }
    this.#rowsBytes += bytes;
    this.#budget.charge(bytes);
  }

  /** Sorts the rows held and writes them to the work file as a run. */
  spill(): void {
    if (this.#rows.length === 0) return;
    const keys = this.#sortRows();
    this.#out ??= new AppendBuffer(this.#fd);
    const out = this.#out;
    const start = out.end;
    // Lines go out a few thousand characters at a time: fewer, larger copies into the buffer,
    // yet each string small enough to die young.
    let text = '';
    for (let i = 0; i < keys.length; i++) {
      text += `${JSON.stringify(keys[i])}\t${JSON.stringify(this.#rows[i])}\n`;
      if (text.length >= TEXT_CHUNK) {
        out.text(text);
        text = '';
      }
    }
    out.text(text);
    out.flush();
    this.#runs.push({ start, end: out.end });
    this.#dropRows();
  }

  /** Forgets every row, to fetch the entity again. */
  reset(): void {
    this.#dropRows();
    this.#count = 0;
    this.#runs = [];
    this.#out?.restartAt(0);
    this.#sealed = false;
    this.#onDisk = undefined;
    this.#block = undefined;
    this.#blockBytes = undefined;
    fs.ftruncateSync(this.#fd, 0);
  }

  /** Sorts the rows (merging the runs, if any went to disk); reports a key found twice. */
  seal(): SealResult {
    if (this.#runs.length === 0) {
      const keys = this.#sortRows();
      this.#sealed = true;
      for (let i = 1; i < keys.length; i++) {
        if (keys[i - 1] === keys[i]) return { duplicateKey: decodeKey(keys[i]!, this.#keyIndexes.length) };
      }
      return { duplicateKey: undefined };
    }
    this.spill();
    this.#sealed = true;
    return this.#merge();
  }

  /** Rows in key order, `batchSize` at a time. Call after `seal`. */
  *sorted(batchSize: number): Generator<ReadonlyArray<Row>> {
    this.#ensureSealed();
    if (this.#onDisk === undefined) {
      for (let start = 0; start < this.#rows.length; start += batchSize) {
        yield this.#rows.slice(start, start + batchSize);
      }
      return;
    }
    const { region } = this.#onDisk;
    const reader = new LineReader(this.#fd, region.start, region.end, 256 * 1024);
    let batch: Array<Row> = [];
    while (reader.next()) {
      batch.push(lineRow(reader.buffer, tabOf(reader.buffer, reader.start), reader.end));
      if (batch.length === batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  /** The row with this key. Call after `seal`. */
  lookup(parts: ReadonlyArray<string>): Row | undefined {
    this.#ensureSealed();
    if (this.#onDisk === undefined) {
      const rows = this.#rows;
      const found = binarySearch(rows.length, (index) => compareKeyToRow(parts, rows[index]!, this.#keyIndexes));
      return found < 0 ? undefined : rows[found];
    }
    const key = encodeKey(parts);
    const block = this.#blockFor(key, this.#onDisk);
    if (block === undefined) return undefined;
    const found = binarySearch(block.keys.length, (index) => byCodeUnits(key, block.keys[index]!));
    return found < 0 ? undefined : lineRow(block.buffer, block.tabs[found]!, block.ends[found]!);
  }

  /** Closes the work file (the caller removes it) and gives the memory back. */
  close(): void {
    this.#dropRows();
    this.#budget.unregister(this);
    this.#block = undefined;
    this.#blockBytes = undefined;
    fs.closeSync(this.#fd);
  }

  /**
   * Sorts the rows held by key and returns their encoded keys in the same order. Sorting row
   * numbers by keys computed once is cheaper than comparing rows column by column (a single-column
   * key is the cell itself, no new string).
   */
  #sortRows(): Array<string> {
    const rows = this.#rows;
    const keys = rows.map((row) => rowKey(row, this.#keyIndexes));
    const order = new Uint32Array(rows.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    order.sort((a, b) => byCodeUnits(keys[a]!, keys[b]!));
    this.#rows = Array.from(order, (i) => rows[i]!);
    return Array.from(order, (i) => keys[i]!);
  }

  #dropRows(): void {
    this.#rows = [];
    this.#budget.release(this.#rowsBytes);
    this.#rowsBytes = 0;
  }

  #ensureSealed(): void {
    if (!this.#sealed) throw new Error(`${this.entity.name}: the spill table was read before it was sealed`);
  }

  /** Merges the sorted runs into one sorted region after them, noting every 64th key. */
  #merge(): SealResult {
    const readers = this.#runs.map((run) => new LineReader(this.#fd, run.start, run.end));
    const heads: Array<string> = [];
    const tabs: Array<number> = [];
    // A binary min-heap of reader indexes, ordered by their current line's key.
    const heap: Array<number> = [];
    const less = (a: number, b: number) => heads[a]! < heads[b]!;
    const siftDown = (from: number) => {
      let at = from;
      while (true) {
        const left = 2 * at + 1;
        if (left >= heap.length) return;
        const right = left + 1;
        const child = right < heap.length && less(heap[right]!, heap[left]!) ? right : left;
        if (!less(heap[child]!, heap[at]!)) return;
        [heap[at], heap[child]] = [heap[child]!, heap[at]!];
        at = child;
      }
    };
    const advance = (index: number): boolean => {
      const reader = readers[index]!;
      if (!reader.next()) return false;
      const tab = tabOf(reader.buffer, reader.start);
      tabs[index] = tab;
      heads[index] = lineKey(reader.buffer, reader.start, tab);
      return true;
    };
    readers.forEach((_, index) => {
      if (advance(index)) heap.push(index);
    });
    for (let i = (heap.length >>> 1) - 1; i >= 0; i--) siftDown(i);

    // Runs exist, so the first spill made it.
    const out = this.#out!;
    const start = out.end;
    const sparseKeys: Array<string> = [];
    const sparseOffsets: Array<number> = [];
    let previous: string | undefined;
    let line = 0;
    while (heap.length > 0) {
      const index = heap[0]!;
      const reader = readers[index]!;
      const key = heads[index]!;
      if (key === previous) return { duplicateKey: decodeKey(key, this.#keyIndexes.length) };
      previous = key;
      if (line++ % SPARSE_EVERY === 0) {
        sparseKeys.push(key);
        sparseOffsets.push(out.end);
      }
      out.bytes(reader.buffer, reader.start, reader.end + 1);
      if (!advance(index)) {
        heap[0] = heap[heap.length - 1]!;
        heap.pop();
      }
      siftDown(0);
    }
    out.flush();
    this.#onDisk = { region: { start, end: out.end }, sparseKeys, sparseOffsets };
    return { duplicateKey: undefined };
  }

  /** The block of the sorted region that would hold `key`, read and split (the last one is kept). */
  #blockFor(key: string, onDisk: SortedOnDisk): Block | undefined {
    const { sparseKeys, sparseOffsets, region } = onDisk;
    let low = 0;
    let high = sparseKeys.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if (sparseKeys[middle]! <= key) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    if (found < 0) return undefined;
    if (this.#block?.index === found) return this.#block;
    const start = sparseOffsets[found]!;
    const end = sparseOffsets[found + 1] ?? region.end;
    if (this.#blockBytes === undefined || this.#blockBytes.length < end - start) {
      this.#blockBytes = Buffer.allocUnsafe(Math.max(end - start, 64 * 1024));
    }
    const buffer = this.#blockBytes.subarray(0, end - start);
    let done = 0;
    while (done < buffer.length) {
      const read = fs.readSync(this.#fd, buffer, done, buffer.length - done, start + done);
      if (read === 0) throw new Error(`${this.entity.name}: the work file ended early`);
      done += read;
    }
    const keys: Array<string> = [];
    const tabs: Array<number> = [];
    const ends: Array<number> = [];
    for (let at = 0; at < buffer.length; ) {
      const newline = buffer.indexOf(0x0a, at);
      const tab = tabOf(buffer, at);
      keys.push(lineKey(buffer, at, tab));
      tabs.push(tab);
      ends.push(newline);
      at = newline + 1;
    }
    this.#block = { index: found, buffer, keys, tabs, ends };
    return this.#block;
  }
}
