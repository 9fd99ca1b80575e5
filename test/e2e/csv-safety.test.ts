/**
 * Awkward values through the whole path (sandbox → HTTP → client → CLI → files → csv-parse):
 * commas, quotes, line breaks, formulas, leading tab/CR/LF/NUL, emoji, non-Latin scripts. CSV
 * must round-trip them, neutralising exactly the string cells a spreadsheet would run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, ENTITIES, exportAll, rollcall, sandboxEnv, temporaryDir } from './support.js';

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r', '\n', '\u0000'];
const neutralised = (value: string) => (TRIGGERS.includes(value[0] ?? '') ? `'${value}` : value);

const AWKWARD: ReadonlyArray<{ email: string; firstName: string; lastName: string; title: string }> = [
  { email: 'comma.quote@example.com', firstName: 'Smith, "Jr."', lastName: 'a,b,,c', title: '"quoted"' },
  { email: 'breaks@example.com', firstName: 'two\nlines', lastName: 'carriage\rreturn', title: 'crlf\r\ninside' },
  {
    email: '=1+1@evil.example',
    firstName: '=HYPERLINK("http://evil.example","x")',
    lastName: '+1 555 0100',
    title: '-2+3',
  },
  { email: 'at.sign@example.com', firstName: '@SUM(A1:A9)', lastName: '\tleading tab', title: '\rleading CR' },
  { email: 'lf.nul@example.com', firstName: '\nleading LF', lastName: '\u0000leading NUL', title: 'inner \u0000 NUL' },
  {
    email: 'emoji@example.com',
    firstName: '👩🏽‍💻 Zoë',
    lastName: '日本語 العربية Ελληνικά',
    title: "'already quoted",
  },
];

let sandbox: Sandbox;
let out: string;
const ids = new Map<string, string>();

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'csv-safety', users: 5, workspaces: 2 });
  for (const user of AWKWARD) ids.set(user.email, sandbox.control.addUser(user).id);
  out = join(temporaryDir(), 'snap');
  await exportAll(sandbox, out);
});
afterAll(() => sandbox?.close());

const csvRecords = (entity: string, bom = false): Array<Record<string, string>> =>
  parse(readFileSync(join(out, `${entity}.csv`)), { columns: true, bom, record_delimiter: '\r\n' });
const jsonRows = (entity: string, dir = out): Array<Record<string, unknown>> =>
  JSON.parse(readFileSync(join(dir, `${entity}.json`), 'utf8'));

describe('awkward values', () => {
  it('come back from the CSV through a real parser exactly, formula cells with a leading quote', () => {
    const byId = new Map(csvRecords('users').map((record) => [record.id, record]));
    for (const user of AWKWARD) {
      const record = byId.get(ids.get(user.email)!);
      expect(record, user.email).toBeDefined();
      expect(record!.email).toBe(neutralised(user.email));
      expect(record!.firstName).toBe(neutralised(user.firstName));
      expect(record!.lastName).toBe(neutralised(user.lastName));
      expect(record!.title).toBe(neutralised(user.title));
    }
  });

  it('come back from JSON untouched', () => {
    const byId = new Map(jsonRows('users').map((row) => [row.id, row]));
    for (const user of AWKWARD) expect(byId.get(ids.get(user.email)!)).toMatchObject(user);
  });

  it('leave no CSV cell that a spreadsheet would read as a formula, and the manifest counts each one', () => {
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    for (const entity of ENTITIES) {
      const records = csvRecords(entity);
      for (const record of records) {
        for (const [column, cell] of Object.entries(record)) {
          expect(TRIGGERS.includes(cell[0] ?? ''), `${entity}.${column} = ${JSON.stringify(cell)}`).toBe(false);
        }
      }
      // Counted independently: the string cells of the JSON file that begin with a trigger.
      const expected = jsonRows(entity)
        .flatMap((row) => Object.values(row))
        .filter((value) => typeof value === 'string' && TRIGGERS.includes(value[0] ?? '')).length;
      expect(manifest.csv.neutralisedCells[`${entity}.csv`], entity).toBe(expected);
    }
    // The nine formula cells of AWKWARD, at least (the seeded users may add their own).
    expect(manifest.csv.neutralisedCells['users.csv']).toBeGreaterThanOrEqual(9);
    expect(csvRecords('users').some((record) => record.email === "'=1+1@evil.example")).toBe(true);
  });

  it('start CSV files with a BOM only when asked, and parse the same with it', async () => {
    expect(readFileSync(join(out, 'users.csv'))[0]).toBe(0x69); // "i" of "id"
    const withBom = join(temporaryDir(), 'bom');
    const result = await rollcall(['export', '--out', withBom, '--format', 'csv,json', '--bom', '--quiet'], {
      env: sandboxEnv(sandbox),
    });
    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stderr).toBe('');
    for (const entity of ENTITIES) {
      const bytes = readFileSync(join(withBom, `${entity}.csv`));
      expect([...bytes.subarray(0, 3)], entity).toEqual([0xef, 0xbb, 0xbf]);
      expect(readFileSync(join(withBom, `${entity}.json`))[0], entity).toBe(0x5b); // "["
      const records = parse(bytes, { columns: true, bom: true, record_delimiter: '\r\n' });
      expect(records, entity).toEqual(csvRecords(entity));
    }
    expect(JSON.parse(readFileSync(join(withBom, 'manifest.json'), 'utf8')).csv.bom).toBe(true);
  });
});
