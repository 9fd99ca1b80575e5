/**
 * Repeated cell values held once. A row keeps the strings the API's JSON parser made for it, so
 * 30 000 memberships of one workspace would hold 30 000 copies of its id, and users as many copies
 * of a few role ids and statuses. Each column keeps a map of the values it has seen and hands back
 * the first copy; a column whose values keep being new (ids, e-mails, timestamps) stops being
 * interned once it has shown `maxDistinct` of them.
 */
import type { Cell } from '../entity.js';

/**
 * Bytes a string of this length takes in V8's heap: a 16-byte header and a byte a character (Latin-1
 * text; other text takes two), rounded up to 8. Measured against V8's own figures for rows of the
 * TransactionLink entities, this and {@link rowBytes} come within a few percent (the estimate
 * was 20 to 40 % low before).
 */
const stringBytes = (length: number): number => (16 + length + 7) & ~7;

/** Bytes a row's array takes: the array object (32) and its elements' store (16 + 8 a cell). */
const rowBytes = (cells: number): number => 48 + 8 * cells;

export class CellInterner {
  readonly #columns: Array<Map<string, string> | undefined>;

  constructor(
    width: number,
    readonly maxDistinct = 256,
  ) {
    this.#columns = Array.from({ length: width }, () => new Map<string, string>());
  }

  /**
   * Replaces each string of `row` that an earlier row held already by that row's copy (in place,
   * the same text: the caller hands the row over; a frozen row is left as it is) and returns a rough
   * size of what the row adds to the heap: the array and its strings not shared.
   */
  intern(row: Array<Cell>): number {
    let bytes = rowBytes(row.length);
    const shareable = !Object.isFrozen(row);
    for (let i = 0; i < row.length; i++) {
      const cell = row[i];
      if (typeof cell !== 'string') continue;
      const seen = this.#columns[i];
      if (seen === undefined) {
        bytes += stringBytes(cell.length);
        continue;
      }
      const held = seen.get(cell);
      if (held !== undefined && shareable) {
        row[i] = held;
        continue;
      }
      bytes += stringBytes(cell.length);
      if (held !== undefined) continue;
      if (seen.size >= this.maxDistinct) this.#columns[i] = undefined;
      else seen.set(cell, cell);
    }
    return bytes;
  }
}
