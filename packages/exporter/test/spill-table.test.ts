import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EntityDefinition, Row } from '../src/entity.js';
import { compareKeys } from '../src/entity.js';
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

const table = (entity: EntityDefinition) => SpillTable.create(join(temporaryDir(), `${entity.name}.ndjson`), entity);

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

describe('SpillTable', () => {
  it('returns rows sorted by UTF-16 code units, not by locale', () => {
    const spill = table(single);
    const ids = ['b', 'a', 'Z', 'é', 'e', '😀', '\uFFFF', '10', '9', ''];
    spill.append(ids.map((id) => [id, `v-${id}`]));
    expect(spill.seal().duplicateKey).toBeUndefined();
    const sorted = drain(spill).map((row) => row[0]);
    // Code units: '' < '10' < '9' < 'Z' < 'a' < 'b' < 'e' < 'é' (U+00E9) < '😀' (U+D83D…) < U+FFFF.
    expect(sorted).toEqual(['', '10', '9', 'Z', 'a', 'b', 'e', 'é', '😀', '\uFFFF']);
    spill.close();
  });

  it('sorts by every key column in turn and keeps whole rows', () => {
    const spill = table(pair);
    spill.append([
      ['p3', 'g2', 'm1'],
      ['p1', 'g1', 'm2'],
      ['p2', 'g1', 'm1'],
      ['p4', 'g10', 'm0'],
    ]);
    spill.seal();
    expect(drain(spill, 2)).toEqual([
      ['p2', 'g1', 'm1'],
      ['p1', 'g1', 'm2'],
      ['p4', 'g10', 'm0'],
      ['p3', 'g2', 'm1'],
    ]);
    spill.close();
  });

  it('reports a key that came twice', () => {
    const spill = table(pair);
    spill.append([
      ['x', 'g', 'm'],
      ['y', 'g', 'n'],
      ['z', 'g', 'm'],
    ]);
    expect(spill.seal().duplicateKey).toEqual(['g', 'm']);
    spill.close();
  });

  it('finds rows by key, and forgets everything on reset', () => {
    const spill = table(single);
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

  it('agrees with an in-memory sort for any keys, through the work file and back', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: 'binary', maxLength: 6 }), { maxLength: 60 }), (ids) => {
        const spill = table(single);
        spill.append(ids.map((id, i) => [id, `row ${i} ${id}`]));
        spill.seal();
        const expected = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        expect(drain(spill, 5).map((row) => row[0])).toEqual(expected);
        spill.close();
      }),
      { numRuns: 50 },
    );
  });

  it('holds more rows than fit in one write buffer', () => {
    const spill = table(single);
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
    spill.close();
  });
});
