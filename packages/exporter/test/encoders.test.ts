import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EntityDefinition, Row } from '../src/entity.js';
import { FORMULA_TRIGGERS } from '../src/format.js';
import { makeEncoder } from '../src/internal/encoders.js';

const entity: EntityDefinition = {
  name: 'things',
  columns: [
    { name: 'id', type: 'string' },
    { name: 'text', type: 'string' },
    { name: 'flag', type: 'boolean' },
    { name: 'count', type: 'number' },
    { name: 'at', type: 'timestamp' },
  ],
  sortKey: ['id'],
};

const encodeAll = async (format: 'csv' | 'json' | 'ndjson', rows: ReadonlyArray<Row>, bom = false) => {
  const encoder = makeEncoder(format, entity, { bom });
  // Split the rows over several calls, as the exporter does with batches.
  let text = encoder.encode(rows.slice(0, 2));
  text += encoder.encode(rows.slice(2));
  text += await encoder.finish();
  return { text, neutralised: encoder.neutralisedCells() };
};

const AWKWARD = [
  'plain',
  'comma, inside',
  'quote " inside',
  '"quoted"',
  'line\nbreak',
  'carriage\rreturn',
  'crlf\r\ninside',
  '=cmd|" /C calc"!A0',
  '+1 555 0100',
  '-2+3',
  '@SUM(1,2)',
  '\tleading tab',
  '\rleading CR',
  '\nleading LF',
  '\u0000leading NUL',
  'emoji 👩🏽‍💻 and 🎉',
  'Ελληνικά, 日本語, العربية, Łukasz',
  "'already quoted",
  ' spaces ',
  '',
];

describe('CSV encoder', () => {
  it('round-trips awkward strings through csv-parse, neutralising exactly the formula cells', async () => {
    const rows: Array<Row> = AWKWARD.map((text, i) => [`id-${i}`, text, null, null, null]);
    const { text, neutralised } = await encodeAll('csv', rows);
    const parsed = parse(text, { record_delimiter: '\r\n' }) as Array<Array<string>>;
    expect(parsed[0]).toEqual(['id', 'text', 'flag', 'count', 'at']);
    expect(parsed.slice(1).map((record) => record[1])).toEqual(
      AWKWARD.map((value) => (value !== '' && FORMULA_TRIGGERS.includes(value[0]!) ? `'${value}` : value)),
    );
    expect(neutralised).toBe(AWKWARD.filter((value) => FORMULA_TRIGGERS.includes(value[0] ?? '')).length);
    expect(neutralised).toBe(8);
  });

  it('neutralises strings only: negative numbers and booleans are written as they are', async () => {
    const { text, neutralised } = await encodeAll('csv', [
      ['a', '-5', true, -5, null],
      ['b', '=1', false, 0, null],
    ]);
    expect(text).toBe("id,text,flag,count,at\r\na,'-5,true,-5,\r\nb,'=1,false,0,\r\n");
    expect(neutralised).toBe(2);
  });

  it('writes CRLF records, null as an empty cell and the empty string as ""', async () => {
    const { text } = await encodeAll('csv', [['a', '', null, null, '2026-01-05T09:00:00.000Z']]);
    expect(text).toBe('id,text,flag,count,at\r\na,"",,,2026-01-05T09:00:00.000Z\r\n');
  });

  it('writes booleans as words, non-finite numbers as empty cells and dates as ISO strings', async () => {
    const date = new Date('2026-01-05T09:00:00.000Z') as unknown as Row[number];
    const { text } = await encodeAll('csv', [
      ['a', 'x', true, Number.NaN, date],
      ['b', 'y', false, 1.5, null],
    ]);
    // csv-stringify's defaults, before rollcall wrote CSV itself: `1`/empty for booleans, epoch milliseconds for a Date.
    expect(text).toBe('id,text,flag,count,at\r\na,x,true,,2026-01-05T09:00:00.000Z\r\nb,y,false,1.5,\r\n');
  });

  it('writes the header of an empty file, with a BOM only when asked', async () => {
    expect((await encodeAll('csv', [])).text).toBe('id,text,flag,count,at\r\n');
    const withBom = (await encodeAll('csv', [], true)).text;
    expect(withBom).toBe('\uFEFFid,text,flag,count,at\r\n');
    const rowsWithBom = (await encodeAll('csv', [['a', 'b', null, null, null]], true)).text;
    expect(rowsWithBom.startsWith('\uFEFFid,')).toBe(true);
    expect(rowsWithBom.indexOf('\uFEFF', 1)).toBe(-1);
  });

  it('round-trips any string, and gives the same bytes for the same rows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { maxLength: 8 }), async (texts) => {
        const rows: Array<Row> = texts.map((text, i) => [String(i), text, null, i, null]);
        const first = await encodeAll('csv', rows);
        const second = await encodeAll('csv', rows);
        expect(second.text).toBe(first.text);
        const parsed = parse(first.text, { record_delimiter: '\r\n', relax_column_count: false }) as string[][];
        expect(parsed.length).toBe(texts.length + 1);
        parsed.slice(1).forEach((record, i) => {
          const original = texts[i]!;
          const neutralised = original !== '' && FORMULA_TRIGGERS.includes(original[0]!);
          expect(record[1]).toBe(neutralised ? `'${original}` : original);
          expect(record[3]).toBe(String(i));
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('JSON and NDJSON encoders', () => {
  const rows: Array<Row> = [
    ['a', '=not touched in JSON', true, 3, '2026-01-05T09:00:00.000Z'],
    ['b', 'line\nbreak "quoted" 🎉', false, null, null],
  ];

  it('writes a JSON array of objects with keys in column order and null as null', async () => {
    const { text, neutralised } = await encodeAll('json', rows);
    expect(neutralised).toBe(0);
    expect(text.startsWith('[\n{"id":"a","text":"=not touched in JSON","flag":true,"count":3,"at":')).toBe(true);
    expect(text.endsWith('}\n]\n')).toBe(true);
    const parsed = JSON.parse(text) as Array<Record<string, unknown>>;
    expect(parsed.map((object) => Object.keys(object))).toEqual([
      ['id', 'text', 'flag', 'count', 'at'],
      ['id', 'text', 'flag', 'count', 'at'],
    ]);
    expect(parsed[1]).toEqual({ id: 'b', text: 'line\nbreak "quoted" 🎉', flag: false, count: null, at: null });
  });

  it('writes an empty array as []', async () => {
    expect((await encodeAll('json', [])).text).toBe('[]\n');
  });

  it('writes one object per line in NDJSON, nothing at all when empty', async () => {
    const { text } = await encodeAll('ndjson', rows);
    const lines = text.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).map((line) => JSON.parse(line).id)).toEqual(['a', 'b']);
    expect((await encodeAll('ndjson', [])).text).toBe('');
  });
});
