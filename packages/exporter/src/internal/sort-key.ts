/**
 * Sort keys: a row's key is the tuple of its key columns' text, compared component by component
 * by UTF-16 code units. A key is encoded as one string that compares like the tuple; a lookup
 * compares its key with a row's cells directly.
 */
import { keyPart, type Row } from '../entity.js';

/** A key part as encoded: NUL written as NUL + U+0001. */
const encodePart = (part: string): string =>
  part.includes('\u0000') ? part.replaceAll('\u0000', '\u0000\u0001') : part;

/**
 * A sort key as one string that compares like the tuple of its parts: each part with NUL
 * written as NUL + U+0001, parts joined by two NULs. Code-unit order of the encoded strings is
 * the tuple's code-unit order, component by component, so one plain string per row is all a
 * work file keeps. A one-part key without NUL is the part itself.
 */
export const encodeKey = (parts: ReadonlyArray<string>): string => {
  let key = encodePart(parts[0] ?? '');
  for (let i = 1; i < parts.length; i++) key += `\u0000\u0000${encodePart(parts[i]!)}`;
  return key;
};

/** The parts of an encoded key. */
export const decodeKey = (key: string, parts: number): ReadonlyArray<string> =>
  parts === 1 && !key.includes('\u0000')
    ? [key]
    : key.split('\u0000\u0000').map((part) => part.replaceAll('\u0000\u0001', '\u0000'));

/** Code-unit order of two strings (`<`), never the locale's. */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The encoded key of a row, given its key columns' positions. */
export const rowKey = (row: Row, keyIndexes: ReadonlyArray<number>): string => {
  let key = encodePart(keyPart(row[keyIndexes[0]!]));
  for (let i = 1; i < keyIndexes.length; i++) key += `\u0000\u0000${encodePart(keyPart(row[keyIndexes[i]!]))}`;
  return key;
};

/** Orders a key (its parts) against a row's key columns. */
export const compareKeyToRow = (parts: ReadonlyArray<string>, row: Row, keyIndexes: ReadonlyArray<number>): number => {
  for (let i = 0; i < keyIndexes.length; i++) {
    const order = byCodeUnits(parts[i] ?? '', keyPart(row[keyIndexes[i]!]));
    if (order !== 0) return order;
  }
  return 0;
};

/**
 * The index among `count` sorted items where `order(index)` is 0, or -1; `order` tells how the
 * sought key compares with the item at `index` (negative: the key comes before it).
 */
export const binarySearch = (count: number, order: (index: number) => number): number => {
  let low = 0;
  let high = count - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const comparison = order(middle);
    if (comparison === 0) return middle;
    if (comparison > 0) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
};
