/**
 * Tolerant reading, end to end: the built CLI against a sandbox serving spec drift (minimal
 * nested objects, undocumented fields, enum values the spec does not list). The export succeeds,
 * the files hold exactly what the API sent, the manifest counts every deviation; `--strict`
 * fails; a missing key still fails, with nothing at the target.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DriftConfig, type Sandbox, startSandbox } from '@rollcall/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import gitbookSpec from '../../generated/gitbook/openapi.json' with { type: 'json' };
import { describeRun, exportAll, gitBookEnv, logLines, rollcall, sandboxEnv, temporaryDir } from './support.js';

type Json = Record<string, unknown>;

let sandbox: Sandbox;
let baseline: { readonly transactionlink: string; readonly gitbook: string };

beforeAll(async () => {
  sandbox = await startSandbox({
    seed: 'tolerant-reading',
    users: 40,
    workspaces: 2,
    gitbook: { members: 12, inviteLinks: 16 },
  });
  const transactionlink = join(temporaryDir(), 'baseline');
  const gitbook = join(temporaryDir(), 'baseline');
  await exportAll(sandbox, transactionlink);
  await exportAll(sandbox, gitbook, { source: 'gitbook' });
  baseline = { transactionlink, gitbook };
});
afterAll(() => sandbox?.close());
afterEach(() => sandbox.control.setDrift({}));

const rowsOf = (dir: string, entity: string): Array<Json> =>
  JSON.parse(readFileSync(join(dir, `${entity}.json`), 'utf8')) as Array<Json>;
const manifestOf = (dir: string): Json => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Json;

const GITBOOK_DRIFT: DriftConfig = {
  rules: [
    {
      match: { pathSuffix: '/link-invites' },
      edits: [
        { op: 'pick', at: 'items.*.space', keep: ['object', 'id', 'title'] },
        { op: 'set', at: 'items.*.role', value: 'superadmin', where: { role: 'admin' } },
      ],
    },
    {
      match: { pathSuffix: '/members' },
      edits: [
        { op: 'set', at: 'items.*.nickname', value: 'ace' },
        { op: 'set', at: 'items.*.role', value: 'owner', where: { role: 'admin' } },
      ],
    },
  ],
};

const TRANSACTIONLINK_DRIFT: DriftConfig = {
  rules: [
    {
      match: { path: '/organizations/enrollments' },
      edits: [{ op: 'set', at: 'content.*.status', value: 'REVOKED', where: { status: 'CANCELLED' } }],
    },
    { match: { path: '/organizations/users' }, edits: [{ op: 'set', at: 'content.*.department', value: 'Audit' }] },
  ],
};

const count = (rows: ReadonlyArray<Json>, field: string, value: unknown) =>
  rows.filter((row) => row[field] === value).length;

describe('GitBook: minimal spaces, an unknown field, new roles', () => {
  it('exports what was received and counts every deviation in the manifest, each logged once', async () => {
    sandbox.control.setDrift(GITBOOK_DRIFT);
    const out = join(temporaryDir(), 'snapshot');
    const result = await exportAll(sandbox, out, { source: 'gitbook' });

    const links = rowsOf(baseline.gitbook, 'invite-links');
    const members = rowsOf(baseline.gitbook, 'members');
    const spaceLinks = count(links, 'kind', 'space');
    const adminLinks = links.filter((link) => link.kind === 'organization' && link.role === 'admin').length;
    const admins = count(members, 'role', 'admin');
    expect(spaceLinks).toBeGreaterThan(0);
    expect(admins).toBeGreaterThan(0);

    // Exactly the received values: the baseline with the drifted values, nothing else changed.
    const relabel = (rows: ReadonlyArray<Json>, when: (row: Json) => boolean, role: string) =>
      rows.map((row) => (when(row) ? { ...row, role } : row));
    expect(rowsOf(out, 'members')).toEqual(relabel(members, (row) => row.role === 'admin', 'owner'));
    expect(rowsOf(out, 'invite-links')).toEqual(
      relabel(links, (row) => row.kind === 'organization' && row.role === 'admin', 'superadmin'),
    );

    const space = (gitbookSpec as { components: { schemas: { Space: { required: Array<string> } } } }).components
      .schemas.Space;
    const missing = space.required.filter((field) => !['object', 'id', 'title'].includes(field));
    const expected = [
      ...missing.map((field) => ({
        entity: 'invite-links',
        path: `space.${field}`,
        kind: 'missing',
        value: '',
        count: spaceLinks,
      })),
      ...(adminLinks > 0
        ? [{ entity: 'invite-links', path: 'role', kind: 'unknown-value', value: 'superadmin', count: adminLinks }]
        : []),
      { entity: 'members', path: 'nickname', kind: 'unknown-field', value: 'string', count: members.length },
      { entity: 'members', path: 'role', kind: 'unknown-value', value: 'owner', count: admins },
    ];
    const manifest = manifestOf(out);
    expect(manifest.decoding).toBe('tolerant');
    expect(new Set(manifest.deviations as Array<Json>)).toEqual(new Set(expected));
    expect(manifest.warnings).toEqual(
      expect.arrayContaining([
        `invite-links: space.emoji missing ×${spaceLinks}`,
        `members: role: unknown value owner ×${admins}`,
        `members: nickname: unknown field (string) ×${members.length}`,
      ]),
    );
    const logged = logLines(result).filter((line) => line.event === 'source.deviation');
    expect(logged).toHaveLength(expected.length);
    expect(logged.find((line) => line.path === 'space.emoji')).toMatchObject({ level: 'warn', entity: 'invite-links' });
  });

  it('--strict fails on the same drift, with exit 1 and nothing at the target', async () => {
    sandbox.control.setDrift(GITBOOK_DRIFT);
    const out = join(temporaryDir(), 'snapshot');
    const result = await rollcall(['export', '--source', 'gitbook', '--out', out, '--strict'], {
      env: gitBookEnv(sandbox),
    });
    expect(result.code, describeRun(result)).toBe(1);
    expect(result.stderr).toMatch(/body does not match the spec: items\.\d+\.(space\.emoji|role)/);
    expect(existsSync(out)).toBe(false);
  });

  it('a space link whose space has no id fails the run: exit 1, nothing at the target', async () => {
    sandbox.control.setDrift({
      rules: [
        { match: { pathSuffix: '/link-invites' }, edits: [{ op: 'pick', at: 'items.*.space', keep: ['title'] }] },
      ],
    });
    const out = join(temporaryDir(), 'snapshot');
    const result = await rollcall(['export', '--source', 'gitbook', '--out', out], { env: gitBookEnv(sandbox) });
    expect(result.code, describeRun(result)).toBe(1);
    expect(result.stderr).toMatch(/invite-links: item \d+ .*space\.id: is missing/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('TransactionLink: a new enrollment status, an unknown field', () => {
  it('writes REVOKED as received and counts it in the manifest', async () => {
    sandbox.control.setDrift(TRANSACTIONLINK_DRIFT);
    const out = join(temporaryDir(), 'snapshot');
    await exportAll(sandbox, out);

    const enrollments = rowsOf(baseline.transactionlink, 'enrollments');
    const cancelled = count(enrollments, 'status', 'CANCELLED');
    const users = rowsOf(baseline.transactionlink, 'users');
    expect(cancelled).toBeGreaterThan(0);
    expect(rowsOf(out, 'enrollments')).toEqual(
      enrollments.map((row) => (row.status === 'CANCELLED' ? { ...row, status: 'REVOKED' } : row)),
    );
    for (const entity of ['users', 'roles', 'workspaces', 'workspace-roles', 'workspace-memberships']) {
      expect(readFileSync(join(out, `${entity}.csv`)), entity).toEqual(
        readFileSync(join(baseline.transactionlink, `${entity}.csv`)),
      );
    }
    const manifest = manifestOf(out);
    expect(manifest.deviations).toEqual([
      { entity: 'users', path: 'department', kind: 'unknown-field', value: 'string', count: users.length },
      { entity: 'enrollments', path: 'status', kind: 'unknown-value', value: 'REVOKED', count: cancelled },
    ]);
    expect(manifest.warnings).toEqual(
      expect.arrayContaining([
        `enrollments: status: unknown value REVOKED ×${cancelled}`,
        `users: department: unknown field (string) ×${users.length}`,
      ]),
    );
    expect(manifestOf(baseline.transactionlink).deviations).toEqual([]);
  });

  it('--strict fails on it: exit 1, nothing at the target', async () => {
    sandbox.control.setDrift(TRANSACTIONLINK_DRIFT);
    const out = join(temporaryDir(), 'snapshot');
    const result = await rollcall(['export', '--out', out, '--strict'], { env: sandboxEnv(sandbox) });
    expect(result.code, describeRun(result)).toBe(1);
    expect(result.stderr).toMatch(/body does not match the spec: content\.\d+\.status/);
    expect(existsSync(out)).toBe(false);
  });

  it('an enrollment without its id (the key) fails the run: exit 1, nothing at the target', async () => {
    sandbox.control.setDrift({
      rules: [
        {
          match: { path: '/organizations/enrollments' },
          edits: [{ op: 'remove', at: 'content.*.enrollmentId', where: { status: 'CANCELLED' } }],
        },
      ],
    });
    const out = join(temporaryDir(), 'snapshot');
    const result = await rollcall(['export', '--out', out], { env: sandboxEnv(sandbox) });
    expect(result.code, describeRun(result)).toBe(1);
    expect(result.stderr).toMatch(/enrollments: item \d+ .*enrollmentId: is missing/);
    expect(existsSync(out)).toBe(false);
  });
});
