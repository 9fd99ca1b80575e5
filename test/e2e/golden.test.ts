/**
 * Golden files: every data file of a small, seeded export, byte for byte. The bytes are
 * justified independently below (columns as the design lists them, order, joins, counts against
 * the API, the three formats agreeing, CRLF, UTC timestamps), so a golden file is never just
 * "what the code wrote last time".
 *
 * Regenerate deliberately, after reviewing why the bytes changed:
 *   pnpm build && ROLLCALL_UPDATE_GOLDEN=1 npx vitest run test/e2e/golden.test.ts
 * Golden files are named `<file>.golden` so that no formatter ever rewrites them, and
 * golden/.gitattributes keeps git from touching their line endings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataFilesOf, ENTITIES, expectGoldenFiles, exportAll, temporaryDir } from './support.js';

const GOLDEN = fileURLToPath(new URL('./golden/', import.meta.url));

/** The design's columns (docs/design.md), written out here rather than taken from the code. */
const DESIGN_COLUMNS: Record<(typeof ENTITIES)[number], ReadonlyArray<string>> = {
  users: [
    'id',
    'email',
    'firstName',
    'lastName',
    'title',
    'status',
    'roleId',
    'roleName',
    'idpId',
    'createdDateTime',
    'lastLoginDateTime',
  ],
  roles: ['id', 'name', 'organizationId'],
  workspaces: ['id', 'name', 'workspaceType'],
  'workspace-roles': ['workspaceId', 'id', 'name', 'type', 'createdDateTime'],
  'workspace-memberships': ['workspaceId', 'workspaceName', 'userId', 'email', 'roleId', 'roleName'],
  enrollments: ['enrollmentId', 'email', 'status', 'lastInvitationSentAt'],
};
const SORT_KEYS: Record<(typeof ENTITIES)[number], ReadonlyArray<string>> = {
  users: ['id'],
  roles: ['id'],
  workspaces: ['id'],
  'workspace-roles': ['workspaceId', 'id'],
  'workspace-memberships': ['workspaceId', 'userId'],
  enrollments: ['enrollmentId'],
};
const TIMESTAMPS = new Set(['createdDateTime', 'lastLoginDateTime', 'lastInvitationSentAt']);
const TRIGGERS = ['=', '+', '-', '@', '\t', '\r', '\n', '\u0000'];

type Json = Record<string, string | null>;

let sandbox: Sandbox;
let out: string;

const api = async (path: string) => {
  const response = await fetch(`${sandbox.url}${path}`, { headers: { Authorization: sandbox.token } });
  expect(response.status, path).toBe(200);
  return response.json();
};

const json = (entity: string): Array<Json> => JSON.parse(readFileSync(join(out, `${entity}.json`), 'utf8'));

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'golden', users: 12, workspaces: 3 });
  out = join(temporaryDir(), 'golden-snapshot');
  await exportAll(sandbox, out, { extra: ['--page-size', '5', '--concurrency', '2'] });
});
afterAll(() => sandbox?.close());

describe('a small seeded export', () => {
  it('matches the golden files byte for byte', () => {
    const files = dataFilesOf(out);
    expect([...files.keys()].sort()).toEqual(ENTITIES.flatMap((e) => [`${e}.csv`, `${e}.json`, `${e}.ndjson`]).sort());
    expectGoldenFiles(files, GOLDEN);
  });

  it('has the design columns, in order, as CSV header and JSON keys', () => {
    for (const entity of ENTITIES) {
      const csv = readFileSync(join(out, `${entity}.csv`), 'utf8');
      expect(csv.split('\r\n')[0], entity).toBe(DESIGN_COLUMNS[entity].join(','));
      for (const row of json(entity)) expect(Object.keys(row), entity).toEqual(DESIGN_COLUMNS[entity]);
    }
  });

  it('sorts rows by the first column(s), by code units', () => {
    for (const entity of ENTITIES) {
      const keys = json(entity).map((row) => SORT_KEYS[entity].map((column) => row[column] ?? ''));
      const sorted = [...keys].sort((a, b) => {
        for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
        return 0;
      });
      expect(keys, entity).toEqual(sorted);
      expect(new Set(keys.map((key) => key.join('\u0000'))).size, `${entity} keys are unique`).toBe(keys.length);
    }
  });

  it('holds every row the API has, enrollments in all statuses', async () => {
    const users = await api('/organizations/users?page=0&size=1');
    const enrollments = await api('/organizations/enrollments?status=PENDING,ACCEPTED,EXPIRED,CANCELLED&size=1');
    const roles = await api('/organizations/roles');
    const workspaces = (await api('/organizations/workspaces')) as Array<{ id: string }>;
    let memberships = 0;
    let workspaceRoles = 0;
    for (const workspace of workspaces) {
      memberships += (await api(`/organizations/workspaces/${workspace.id}/memberships`)).length;
      workspaceRoles += (await api(`/organizations/workspaces/${workspace.id}/roles`)).length;
    }
    expect(json('users')).toHaveLength(users.totalElements);
    expect(json('enrollments')).toHaveLength(enrollments.totalElements);
    expect(json('roles')).toHaveLength(roles.length);
    expect(json('workspaces')).toHaveLength(workspaces.length);
    expect(json('workspace-memberships')).toHaveLength(memberships);
    expect(json('workspace-roles')).toHaveLength(workspaceRoles);
    expect(new Set(json('enrollments').map((row) => row.status)).size).toBeGreaterThan(1);
    const pending = await api('/organizations/enrollments?size=1');
    expect(json('enrollments').length).toBeGreaterThan(pending.totalElements);
  });

  it('joins role names, workspace names and emails from the other files', () => {
    const users = new Map(json('users').map((row) => [row.id, row]));
    const roles = new Map(json('roles').map((row) => [row.id, row.name]));
    const workspaces = new Map(json('workspaces').map((row) => [row.id, row.name]));
    for (const user of users.values()) expect(user.roleName).toBe(roles.get(user.roleId!));
    for (const membership of json('workspace-memberships')) {
      expect(membership.email).toBe(users.get(membership.userId!)?.email);
      expect(membership.workspaceName).toBe(workspaces.get(membership.workspaceId!));
    }
  });

  it('writes timestamps as UTC ISO-8601 ending in Z', () => {
    for (const entity of ENTITIES) {
      for (const row of json(entity)) {
        for (const [column, value] of Object.entries(row)) {
          if (TIMESTAMPS.has(column) && value !== null)
            expect(value, `${entity}.${column}`).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
        }
      }
    }
  });

  it('says the same in CSV, JSON and NDJSON: CSV with CRLF, null as an empty cell, formulas prefixed', () => {
    for (const entity of ENTITIES) {
      const fromJson = json(entity);
      const ndjson = readFileSync(join(out, `${entity}.ndjson`), 'utf8');
      expect(
        ndjson === ''
          ? []
          : ndjson
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
            return TRIGGERS.includes(value[0] ?? '') ? `'${value}` : value;
          }),
        ),
      );
    }
  });
});
