/**
 * Properties of the exporter's real CSV writer (makeEncoder('csv')), read back with csv-parse:
 * any rows of strings (all of Unicode, quotes, commas, CR, LF, formula triggers in front), nulls
 * and booleans come back as written, except that a string beginning with a formula trigger gains
 * exactly one leading `'`; no cell read back begins with a trigger; null and the empty string stay
 * distinguishable; the manifest's count of neutralised cells is exact; and batching or a BOM
 * change nothing else. And the bytes are those csv-stringify writes for the same dialect (the
 * library the writer replaced for speed, kept here as the reference).
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell, EntityDefinition, Row } from '../src/entity.js';
import { FORMULA_PREFIX, FORMULA_TRIGGERS } from '../src/format.js';
import { makeEncoder } from '../src/internal/encoders.js';

/** Characters that CSV or spreadsheets treat specially, to be drawn often. */
const AWKWARD_CHARS = [
  '"',
  ',',
  '\r',
  '\n',
  '\r\n',
  "'",
  ' ',
  '\t',
  ';',
  '\u0000',
  '\uFEFF',
  '\u2028',
  '👩🏽‍💻',
  'é',
  '日',
];

const awkwardString = fc
  .array(
    fc.oneof(fc.constantFrom(...AWKWARD_CHARS, ...FORMULA_TRIGGERS), fc.string({ unit: 'binary', maxLength: 4 })),
    {
      maxLength: 8,
    },
  )
  .map((parts) => parts.join(''));

/** A string cell: any Unicode, awkward mixtures, or one that starts with a formula trigger. */
const stringCell = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 16 }),
  awkwardString,
  fc.tuple(fc.constantFrom(...FORMULA_TRIGGERS), awkwardString).map(([trigger, rest]) => trigger + rest),
  fc.constant(''),
);

const cell: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 6, arbitrary: stringCell },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-0, 1e21, -1.5e-7)) },
);

const table = fc.integer({ min: 1, max: 6 }).chain((width) =>
  fc.record({
    width: fc.constant(width),
    rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 12 }),
    // Where the rows are split into encode() calls, as the exporter writes in batches.
    cuts: fc.array(fc.nat(), { maxLength: 4 }),
    bom: fc.boolean(),
  }),
);

const entityOf = (width: number): EntityDefinition => ({
  name: 'cells',
  columns: Array.from({ length: width }, (_, i) => ({ name: `c${i}`, type: 'string' as const })),
  sortKey: ['c0'],
});

const encode = async (
  entity: EntityDefinition,
  rows: ReadonlyArray<Row>,
  cuts: ReadonlyArray<number>,
  bom: boolean,
) => {
  const encoder = makeEncoder('csv', entity, { bom });
  const bounds = [...new Set(cuts.map((cut) => cut % (rows.length + 1)))].sort((a, b) => a - b);
  let text = '';
  let from = 0;
  for (const to of [...bounds, rows.length]) {
    text += encoder.encode(rows.slice(from, to));
    from = to;
  }
  text += await encoder.finish();
  return { text, neutralised: encoder.neutralisedCells() };
};

/** A parsed cell: its text, and whether it was quoted (how null and "" are told apart). */
interface ParsedCell {
  readonly value: string;
  readonly quoted: boolean;
}

const read = (text: string, bom: boolean): Array<Array<ParsedCell>> =>
  parse(text, {
    bom,
    record_delimiter: '\r\n',
    relax_column_count: false,
    cast: (value, context) => ({ value, quoted: context.quoting }) as never,
  }) as unknown as Array<Array<ParsedCell>>;

const startsWithTrigger = (value: string) => value.length > 0 && FORMULA_TRIGGERS.includes(value[0]!);

describe('CSV writer round trip (property)', () => {
  it('gives back every value, neutralised cells with exactly one leading quote, and no cell a spreadsheet would run', async () => {
    await fc.assert(
      fc.asyncProperty(table, async ({ width, rows, cuts, bom }) => {
        const entity = entityOf(width);
        const { text, neutralised } = await encode(entity, rows, cuts, bom);
        expect(text.startsWith('\uFEFF')).toBe(bom);
        const [header, ...records] = read(text, bom);
        expect(header!.map((parsed) => parsed.value)).toEqual(entity.columns.map((column) => column.name));
        expect(records).toHaveLength(rows.length);
        let expectedNeutralised = 0;
        rows.forEach((row, r) => {
          row.forEach((original, c) => {
            const parsed = records[r]![c]!;
            // No text cell read back begins with a formula trigger.
            if (typeof original !== 'number') expect(startsWithTrigger(parsed.value)).toBe(false);
            if (original === null) {
              expect(parsed).toEqual({ value: '', quoted: false });
            } else if (typeof original === 'boolean') {
              expect(parsed.value).toBe(String(original));
            } else if (typeof original === 'number') {
              // Never neutralised (a negative number is no formula); NaN and ±Infinity are empty.
              expect(parsed).toEqual({ value: Number.isFinite(original) ? String(original) : '', quoted: false });
            } else if (original === '') {
              expect(parsed).toEqual({ value: '', quoted: true });
            } else if (startsWithTrigger(original as string)) {
              expectedNeutralised++;
              expect(parsed.value).toBe(FORMULA_PREFIX + original);
            } else {
              expect(parsed.value).toBe(original);
            }
          });
        });
        expect(neutralised).toBe(expectedNeutralised);
      }),
      { numRuns: 400 },
    );
  });

  it('writes the same bytes however the rows are batched', async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.array(fc.nat(), { maxLength: 4 }), async ({ width, rows, cuts, bom }, otherCuts) => {
        const entity = entityOf(width);
        const first = await encode(entity, rows, cuts, bom);
        const second = await encode(entity, rows, otherCuts, bom);
        expect(second).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });

  it('writes what csv-stringify writes for the same dialect, cell for cell', async () => {
    await fc.assert(
      fc.asyncProperty(table, async ({ width, rows, cuts, bom }) => {
        const entity = entityOf(width);
        const { text } = await encode(entity, rows, cuts, bom);
        const reference = stringify(
          rows.map((row) =>
            row.map((cell) => (typeof cell === 'string' && startsWithTrigger(cell) ? FORMULA_PREFIX + cell : cell)),
          ),
          {
            columns: entity.columns.map(({ name }) => name),
            header: true,
            bom,
            record_delimiter: '\r\n',
            quote_record_delimiter: true,
            cast: {
              string: (value) => (value === '' ? { value: '', quoted_empty: true } : value),
              boolean: (value) => String(value),
              number: (value) => (Number.isFinite(value) ? String(value) : ''),
            },
          },
        );
        expect(text).toBe(reference);
      }),
      { numRuns: 400 },
    );
  });
});
