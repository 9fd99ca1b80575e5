/**
 * Golden files of a GitBook snapshot: every data file of a small, seeded `--source gitbook`
 * export, byte for byte. The bytes are justified independently below (the design's columns and
 * order, sort, rows against the API's `count`, each invite kind's role and target read off the
 * API's own objects, guests, booleans, UTC timestamps, the three formats agreeing, the manifest),
 * so a golden file is never just "what the code wrote last time".
 *
 * Regenerate deliberately, after reviewing why the bytes changed:
 *   pnpm build && ROLLCALL_UPDATE_GOLDEN=1 npx vitest run test/e2e/gitbook-golden.test.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataFilesOf, expectGoldenFiles, exportAll, GITBOOK_ENTITIES, sha256, temporaryDir } from './support.js';

const GOLDEN = fileURLToPath(new URL('./golden/gitbook/', import.meta.url));

/** The design's columns (docs/design.md), written out here rather than taken from the code. */
const DESIGN_COLUMNS: Record<(typeof GITBOOK_ENTITIES)[number], ReadonlyArray<string>> = {
  members: ['id', 'email', 'displayName', 'role', 'disabled', 'sso', 'joinedAt', 'lastSeenAt'],
  'invite-links': ['id', 'kind', 'role', 'targetId', 'redundant'],
};
const BOOLEANS = new Set(['disabled', 'sso', 'redundant']);
const TIMESTAMPS = new Set(['joinedAt', 'lastSeenAt']);
const TRIGGERS = ['=', '+', '-', '@', '\t', '\r', '\n', '\u0000'];

type Json = Record<string, string | boolean | null>;
interface ApiMember {
  id: string;
  role: string | null;
  user: { email?: string; displayName: string };
  disabled: boolean;
  sso: boolean;
  joinedAt: string;
  lastSeenAt?: string;
}
interface ApiInviteLink {
  id: string;
  role?: string | null;
  level?: string | null;
  redundant: boolean;
  space?: { id: string };
  collection?: { id: string };
}

let sandbox: Sandbox;
let out: string;

/** Every item of a GitBook list, following `next.page`, straight from the API. */
const list = async <T>(name: 'members' | 'link-invites'): Promise<{ items: Array<T>; count: number | undefined }> => {
  const items: Array<T> = [];
  let count: number | undefined;
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ limit: '2', ...(cursor === undefined ? {} : { page: cursor }) });
    const response = await fetch(`${sandbox.gitbook.url}/orgs/${sandbox.gitbook.organizationId}/${name}?${query}`, {
      headers: { Authorization: `Bearer ${sandbox.gitbook.token}` },
    });
    expect(response.status, name).toBe(200);
    const page = (await response.json()) as { items: Array<T>; next?: { page: string }; count?: number };
    items.push(...page.items);
    count ??= page.count;
    cursor = page.next?.page;
  } while (cursor !== undefined);
  return { items, count };
};

const json = (entity: string): Array<Json> => JSON.parse(readFileSync(join(out, `${entity}.json`), 'utf8'));

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'golden', users: 1, workspaces: 1, gitbook: { members: 8, inviteLinks: 6 } });
  out = join(temporaryDir(), 'gitbook-golden');
  await exportAll(sandbox, out, { source: 'gitbook', extra: ['--page-size', '3', '--concurrency', '2'] });
});
afterAll(() => sandbox?.close());

describe('a small seeded GitBook export', () => {
  it('matches the golden files byte for byte', () => {
    const files = dataFilesOf(out);
    expect([...files.keys()].sort()).toEqual(
      GITBOOK_ENTITIES.flatMap((e) => [`${e}.csv`, `${e}.json`, `${e}.ndjson`]).sort(),
    );
    expectGoldenFiles(files, GOLDEN);
  });

  it('has the design columns, in order, as CSV header and JSON keys', () => {
    for (const entity of GITBOOK_ENTITIES) {
      const csv = readFileSync(join(out, `${entity}.csv`), 'utf8');
      expect(csv.split('\r\n')[0], entity).toBe(DESIGN_COLUMNS[entity].join(','));
      for (const row of json(entity)) expect(Object.keys(row), entity).toEqual(DESIGN_COLUMNS[entity]);
    }
  });

  it('sorts rows by id, by code units, each id once', () => {
    for (const entity of GITBOOK_ENTITIES) {
      const ids = json(entity).map((row) => String(row.id));
      expect(ids, entity).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(new Set(ids).size, entity).toBe(ids.length);
    }
  });

  it('holds every member as the API lists it: guests with a null role, never-seen members with a null lastSeenAt', async () => {
    const { items, count } = await list<ApiMember>('members');
    expect(json('members')).toHaveLength(count!);
    const byId = new Map(json('members').map((row) => [row.id, row]));
    for (const member of items) {
      expect(byId.get(member.id), member.id).toEqual({
        id: member.id,
        email: member.user.email ?? null,
        displayName: member.user.displayName,
        role: member.role,
        disabled: member.disabled,
        sso: member.sso,
        joinedAt: member.joinedAt,
        lastSeenAt: member.lastSeenAt ?? null,
      });
    }
    // The seed covers what the mapping must get right; if it stops doing so, pick another seed.
    expect(items.some((member) => member.role === null)).toBe(true);
    expect(items.some((member) => member.lastSeenAt === undefined)).toBe(true);
    expect(items.some((member) => member.disabled)).toBe(true);
    expect(items.some((member) => member.sso)).toBe(true);
  });

  it('holds every invite link with its kind, the role or level it grants, and its target', async () => {
    const { items, count } = await list<ApiInviteLink>('link-invites');
    expect(json('invite-links')).toHaveLength(count!);
    const byId = new Map(json('invite-links').map((row) => [row.id, row]));
    for (const link of items) {
      const expected =
        link.space !== undefined
          ? { kind: 'space', role: link.level, targetId: link.space.id }
          : link.collection !== undefined
            ? { kind: 'collection', role: link.level, targetId: link.collection.id }
            : { kind: 'organization', role: link.role, targetId: sandbox.gitbook.organizationId };
      expect(byId.get(link.id), link.id).toEqual({ id: link.id, ...expected, redundant: link.redundant });
    }
    const kinds = new Set(json('invite-links').map((row) => row.kind));
    expect([...kinds].sort()).toEqual(['collection', 'organization', 'space']);
    expect(json('invite-links').some((row) => row.role === null)).toBe(true);
  });

  it('writes timestamps as UTC ISO-8601 ending in Z, booleans as JSON booleans', () => {
    for (const entity of GITBOOK_ENTITIES) {
      for (const row of json(entity)) {
        for (const [column, value] of Object.entries(row)) {
          if (TIMESTAMPS.has(column) && value !== null)
            expect(value, `${entity}.${column}`).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
          if (BOOLEANS.has(column)) expect(typeof value, `${entity}.${column}`).toBe('boolean');
        }
      }
    }
  });

  it('says the same in CSV, JSON and NDJSON: CSV with CRLF, null as an empty cell, true/false, formulas prefixed', () => {
    for (const entity of GITBOOK_ENTITIES) {
      const fromJson = json(entity);
      const ndjson = readFileSync(join(out, `${entity}.ndjson`), 'utf8');
      expect(
        ndjson
          .trimEnd()
          .split('\n')
          .map((line) => JSON.parse(line)),
        entity,
      ).toEqual(fromJson);
      const csvText = readFileSync(join(out, `${entity}.csv`), 'utf8');
      expect(csvText.endsWith('\r\n')).toBe(true);
      const records = parse(csvText, { record_delimiter: '\r\n' }) as Array<Array<string>>;
      expect(records.slice(1), entity).toEqual(
        fromJson.map((row) =>
          DESIGN_COLUMNS[entity].map((column) => {
            const value = row[column] ?? null;
            if (value === null) return '';
            if (typeof value === 'boolean') return String(value);
            return TRIGGERS.includes(value[0] ?? '') ? `'${value}` : value;
          }),
        ),
      );
    }
  });

  it('has a manifest naming GitBook, the base URL, the spec version and the token by fingerprint only', () => {
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    const spec = JSON.parse(readFileSync(new URL('../../openapi/gitbook.json', import.meta.url), 'utf8'));
    expect(manifest.source).toEqual({
      name: 'gitbook',
      system: 'GitBook',
      baseUrl: sandbox.gitbook.url,
      apiVersion: spec.info.version,
    });
    expect(manifest.tokenFingerprint).toBe(sha256(sandbox.gitbook.token).slice(0, 12));
    expect(manifest.parameters).toMatchObject({ pageSize: 3, concurrency: 2, tokenSource: 'GITBOOK_TOKEN' });
    // 8 members and 6 invite links at 3 a page: 3 + 2 pages, one request each.
    expect(manifest.counts).toEqual({ requests: 5, pages: 5, retries: 0, refetches: 0 });
    expect(manifest.files.map((file: { name: string }) => file.name)).toEqual(
      ['invite-links', 'members'].flatMap((e) => [`${e}.csv`, `${e}.json`, `${e}.ndjson`]),
    );
  });
});
