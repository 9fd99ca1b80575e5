import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell, EntityDefinition, Row } from '../src/entity.js';
import { compareKeys } from '../src/entity.js';
import { CellInterner } from '../src/internal/cell-interner.js';
import { MemoryBudget } from '../src/internal/memory-budget.js';
import { decodeKey, encodeKey, SpillTable } from '../src/internal/spill-table.js';
import { temporaryDir } from './support/run.js';

const single: EntityDefinition = {
  name: 'single',
  columns: [
    { name: 'id', type: 'string' },
    { name: 'value', type: 'string' },
  ],
  sortKey: ['id'],
};

const pair: EntityDefinition = {
  name: 'pair',
  columns: [
    { name: 'payload', type: 'string' },
    { name: 'group', type: 'string' },
    { name: 'member', type: 'string' },
  ],
  sortKey: ['group', 'member'],
};

/** Room for every row, or for none: then every append is sorted to the work file as a run of its own. */
const IN_MEMORY = 1024 ** 3;
const ON_DISK = 1;

const table = (entity: EntityDefinition, budget = IN_MEMORY) =>
  SpillTable.create(join(temporaryDir(), `${entity.name}.ndjson`), entity, new MemoryBudget(budget));

/** Appends rows in chunks of `size`, as pages would arrive. */
const appendInChunks = (spill: SpillTable, rows: ReadonlyArray<Row>, size: number) => {
  for (let start = 0; start < rows.length; start += size) spill.append(rows.slice(start, start + size));
};

const drain = (spill: SpillTable, batch = 7): Array<Row> => [...spill.sorted(batch)].flat();

describe('encodeKey', () => {
  it('orders encoded keys as their parts, component by component, NUL and U+0001 included', () => {
    const part = fc.string({ unit: fc.constantFrom('\u0000', '\u0001', 'a', 'b', '\uFFFF'), maxLength: 4 });
    fc.assert(
      fc.property(
        fc.array(part, { minLength: 2, maxLength: 2 }),
        fc.array(part, { minLength: 2, maxLength: 2 }),
        (a, b) => {
          const [x, y] = [encodeKey(a), encodeKey(b)];
          expect(Math.sign(x < y ? -1 : x > y ? 1 : 0)).toBe(Math.sign(compareKeys(a, b)));
          expect(decodeKey(x, 2)).toEqual(a);
        },
      ),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(part, part, (a, b) => {
        const [x, y] = [encodeKey([a]), encodeKey([b])];
        expect(Math.sign(x < y ? -1 : x > y ? 1 : 0)).toBe(Math.sign(compareKeys([a], [b])));
        expect(decodeKey(x, 1)).toEqual([a]);
      }),
      { numRuns: 300 },
    );
  });
});

describe.each([
  ['in memory', IN_MEMORY],
  ['through the work file', ON_DISK],
])('SpillTable, %s', (_, budget) => {
  it('returns rows sorted by UTF-16 code units, not by locale', () => {
    const spill = table(single, budget);
    const ids = ['b', 'a', 'Z', 'é', 'e', '😀', '\uFFFF', '10', '9', '', 'x\ty', 'q"\\', '\uD800'];
    appendInChunks(
      spill,
      ids.map((id) => [id, `v-${id}`]),
      3,
    );
    expect(spill.seal().duplicateKey).toBeUndefined();
    const sorted = drain(spill).map((row) => row[0]);
    // Code units: '' < '10' < '9' < 'Z' < 'a' < 'b' < 'e' < 'q…' < 'x…' < 'é' (U+00E9) < U+D800 < '😀' (U+D83D…) < U+FFFF.
    expect(sorted).toEqual(['', '10', '9', 'Z', 'a', 'b', 'e', 'q"\\', 'x\ty', 'é', '\uD800', '😀', '\uFFFF']);
    expect(spill.spilled).toBe(budget === ON_DISK);
    spill.close();
  });

  it('sorts by every key column in turn and keeps whole rows', () => {
    const spill = table(pair, budget);
    appendInChunks(
      spill,
      [
        ['p3', 'g2', 'm1'],
        ['p1', 'g1', 'm2'],
        ['p2', 'g1', 'm1'],
        ['p4', 'g10', 'm0'],
        ['p5', 'g1\u0000', ''],
      ],
      2,
    );
    spill.seal();
    expect(drain(spill, 2)).toEqual([
      ['p2', 'g1', 'm1'],
      ['p1', 'g1', 'm2'],
      ['p5', 'g1\u0000', ''],
      ['p4', 'g10', 'm0'],
      ['p3', 'g2', 'm1'],
    ]);
    spill.close();
  });

  it('reports a key that came twice, even in different pages', () => {
    const spill = table(pair, budget);
    appendInChunks(
      spill,
      [
        ['x', 'g', 'm'],
        ['y', 'g', 'n'],
        ['z', 'g', 'm'],
      ],
      2,
    );
    expect(spill.seal().duplicateKey).toEqual(['g', 'm']);
    spill.close();
  });

  it('finds rows by key, and forgets everything on reset', () => {
    const spill = table(single, budget);
    spill.append([
      ['k2', 'two'],
      ['k1', 'one'],
    ]);
    spill.seal();
    expect(spill.lookup(['k1'])).toEqual(['k1', 'one']);
    expect(spill.lookup(['k3'])).toBeUndefined();
    spill.reset();
    spill.append([['k9', 'nine']]);
    spill.seal();
    expect(spill.count).toBe(1);
    expect(drain(spill)).toEqual([['k9', 'nine']]);
    spill.close();
  });

  it('agrees with a plain sort for any keys, finds each row by its key, and no other', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit: 'binary', maxLength: 6 }), { maxLength: 200 }),
        fc.integer({ min: 1, max: 40 }),
        fc.string({ unit: 'binary', maxLength: 6 }),
        (ids, chunk, absent) => {
          const spill = table(single, budget);
          appendInChunks(
            spill,
            ids.map((id, i) => [id, `row ${i} ${id}`]),
            chunk,
          );
          expect(spill.seal().duplicateKey).toBeUndefined();
          const expected = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          expect(drain(spill, 5).map((row) => row[0])).toEqual(expected);
          for (const [i, id] of ids.entries()) expect(spill.lookup([id])).toEqual([id, `row ${i} ${id}`]);
          if (!ids.includes(absent)) expect(spill.lookup([absent])).toBeUndefined();
          spill.close();
        },
      ),
      { numRuns: 50 },
    );
  });

  it('holds more rows than fit in one write buffer', () => {
    const spill = table(single, budget === ON_DISK ? 1024 * 1024 : budget);
    const count = 30_000;
    const padding = 'x'.repeat(80);
    for (let start = 0; start < count; start += 1000) {
      spill.append(
        Array.from({ length: 1000 }, (_, i) => [String(((start + i) * 7919) % count).padStart(6, '0'), padding]),
      );
    }
    spill.seal();
    let previous = '';
    let seen = 0;
    for (const batch of spill.sorted(512)) {
      for (const row of batch) {
        expect(String(row[0]) > previous).toBe(true);
        previous = String(row[0]);
        seen++;
      }
    }
    expect(seen).toBe(count);
    expect(spill.spilled).toBe(budget === ON_DISK);
    expect(spill.lookup(['029999'])).toEqual(['029999', padding]);
    spill.close();
  });

  it('keeps rows longer than its write buffer whole, multi-byte text included', () => {
    const spill = table(single, budget);
    const huge = `${'Ł€😀'.repeat(100_000)}end`;
    spill.append([
      ['b', huge],
      ['a', 'short'],
    ]);
    spill.append([['c', `${huge}2`]]);
    spill.seal();
    expect(drain(spill)).toEqual([
      ['a', 'short'],
      ['b', huge],
      ['c', `${huge}2`],
    ]);
    expect(spill.lookup(['c'])).toEqual(['c', `${huge}2`]);
    spill.close();
  });
});

describe('MemoryBudget', () => {
  it('sends the table holding the most rows to disk once the budget is spent, and only then', () => {
    // 5 + 10 rows of about 136 bytes each fit; 10 more do not.
    const budget = new MemoryBudget(2500);
    const small = SpillTable.create(join(temporaryDir(), 'small.ndjson'), single, budget);
    const large = SpillTable.create(join(temporaryDir(), 'large.ndjson'), single, budget);
    const rows = (prefix: string, count: number): Array<Row> =>
      Array.from({ length: count }, (_, i) => [
        `${prefix}${String(i).padStart(4, '0')}`,
        `${prefix}-${i}-${'x'.repeat(20)}`,
      ]);
    small.append(rows('s', 5));
    large.append(rows('l', 10));
    expect([small.spilled, large.spilled]).toEqual([false, false]);
    large.append(rows('m', 10));
    expect([small.spilled, large.spilled]).toEqual([false, true]);
    expect(budget.used).toBe(small.spillableBytes);
    small.seal();
    large.seal();
    expect(drain(large).map((row) => row[0])).toEqual([...rows('l', 10), ...rows('m', 10)].map((row) => row[0]));
    small.close();
    large.close();
    expect(budget.used).toBe(0);
  });
});

describe('CellInterner', () => {
  it('holds a value repeated in a column once, and stops interning a column whose values keep being new', () => {
    const interner = new CellInterner(3, 4);
    const row = (i: number): Array<Cell> => [`id-${i}`, ['ACTIVE', 'TERMINATED'][i % 2]!.slice(0), null];
    const rows = Array.from({ length: 10 }, (_, i) => row(i));
    const sizes = rows.map((r) => interner.intern(r));
    // Rows 0 and 1 bring the two statuses; the others share them and add only their id.
    expect(sizes[2]).toBeLessThan(sizes[0]!);
    expect(rows[8]![1]).toBe(rows[0]![1]);
    expect(rows.map((r) => r[1])).toEqual(rows.map((_, i) => ['ACTIVE', 'TERMINATED'][i % 2]));
    // The ids were all new: after 4 of them the column is left alone, its values intact.
    expect(rows.map((r) => r[0])).toEqual(rows.map((_, i) => `id-${i}`));
    expect(sizes[9]).toBe(sizes[2]);
  });
});
