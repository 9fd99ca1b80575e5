/**
 * `rollcall verify` and `rollcall diff` on real GitBook snapshots: two exports, with member
 * changes made through `sandbox.control.gitbook` and invite-link changes made through the API in
 * between. What diff must find is worked out here from the sandbox's state before and after.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, gitBookEnv, logLines, rollcall, sandboxEnv, temporaryDir } from './support.js';

type Cell = string | boolean | null;
type MemberState = {
  id: string;
  email: string | null;
  role: string | null;
  disabled: boolean;
  sso: boolean;
};
type LinkState = {
  id: string;
  kind: string;
  targetId: string;
  role: string | null;
  redundant: boolean;
};
interface Changed {
  row: Record<string, Cell>;
  changes: Record<string, { old: Cell; new: Cell }>;
}

let sandbox: Sandbox;
let older: string;
let newer: string;

const api = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${sandbox.gitbook.url}/orgs/${sandbox.gitbook.organizationId}${path}`, {
    method,
    headers: { Authorization: `Bearer ${sandbox.gitbook.token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
  return response.status === 200 || response.status === 201 ? response.json() : undefined;
};

const members = (): Map<string, MemberState> =>
  new Map(
    sandbox.control.gitbook
      .members()
      .map((m) => [m.id, { id: m.id, email: m.user.email ?? null, role: m.role, disabled: m.disabled, sso: m.sso }]),
  );
const inviteLinks = (): Map<string, LinkState> =>
  new Map(
    sandbox.control.gitbook.inviteLinks().map((link) => {
      const [kind, role, targetId] =
        'space' in link
          ? ['space', link.level, link.space.id]
          : 'collection' in link
            ? ['collection', link.level, link.collection.id]
            : ['organization', link.role, sandbox.gitbook.organizationId];
      return [link.id, { id: link.id, kind, targetId, role, redundant: link.redundant }];
    }),
  );

/** What diff should say, worked out from two states: rows by id, tracked fields compared. */
const expectedChanges = <T extends { id: string } & Record<string, Cell>>(
  before: Map<string, T>,
  after: Map<string, T>,
  label: ReadonlyArray<keyof T>,
  tracked: ReadonlyArray<keyof T>,
) => {
  const ids = (map: Map<string, T>, not: Map<string, T>) => [...map.keys()].filter((id) => !not.has(id)).sort();
  const pick = (row: T, keys: ReadonlyArray<keyof T>) =>
    Object.fromEntries(keys.map((key) => [key, row[key]])) as Record<string, Cell>;
  const changed: Array<Changed> = [];
  for (const id of [...after.keys()].filter((key) => before.has(key)).sort()) {
    const [a, b] = [before.get(id)!, after.get(id)!];
    const changes = Object.fromEntries(
      tracked.filter((key) => a[key] !== b[key]).map((key) => [key, { old: a[key], new: b[key] }]),
    );
    if (Object.keys(changes).length > 0) changed.push({ row: pick(b, ['id', ...label]), changes });
  }
  return {
    added: ids(after, before).map((id) => pick(after.get(id)!, ['id', ...label, ...tracked])),
    removed: ids(before, after).map((id) => pick(before.get(id)!, ['id', ...label, ...tracked])),
    changed,
  };
};

const exportTo = async (out: string, format: string) => {
  const result = await rollcall(['export', '--source', 'gitbook', '--out', out, '--format', format], {
    env: gitBookEnv(sandbox),
  });
  expect(result.code, describeRun(result)).toBe(0);
};

let membersBefore: Map<string, MemberState>;
let membersAfter: Map<string, MemberState>;
let linksBefore: Map<string, LinkState>;
let linksAfter: Map<string, LinkState>;
const explicit = {
  added: '',
  removed: '',
  promoted: '',
  guestGivenRole: '',
  disabled: '',
  ssoFlipped: '',
  seenOnly: '',
  linkAdded: '',
  linkRemoved: '',
  linkChanged: '',
};

beforeAll(async () => {
  sandbox = await startSandbox({
    seed: 'gitbook-diff',
    users: 3,
    workspaces: 1,
    gitbook: { members: 14, inviteLinks: 8 },
  });
  older = join(temporaryDir(), 'older');
  newer = join(temporaryDir(), 'newer');
  await exportTo(older, 'csv');
  membersBefore = members();
  linksBefore = inviteLinks();

  const control = sandbox.control.gitbook;
  const others = [...membersBefore.values()].filter((m) => m.id !== sandbox.gitbook.userId && !m.disabled);
  const guest = others.find((m) => m.role === null)!;
  const [leaver, promoted, disabled, flipped, seen] = others.filter((m) => m.role !== null && m.role !== 'admin');
  explicit.added = control.addMember({ email: 'new.member@example.com', role: 'edit' }).id;
  control.removeMember((explicit.removed = leaver!.id));
  control.updateMember((explicit.promoted = promoted!.id), { role: 'admin' });
  control.updateMember((explicit.guestGivenRole = guest.id), { role: 'read' });
  control.updateMember((explicit.disabled = disabled!.id), { disabled: true });
  control.updateMember((explicit.ssoFlipped = flipped!.id), { sso: !flipped!.sso });
  control.updateMember((explicit.seenOnly = seen!.id), { lastSeenAt: '2026-01-05T08:00:00.000Z' });

  const space = control.spaces()[0]!;
  explicit.linkAdded = (await api('POST', '/link-invites', { level: 'comment', space: space.id })).id;
  const [removedLink, changedLink] = [...linksBefore.values()].filter((link) => link.kind === 'organization');
  await api('DELETE', `/link-invites/${(explicit.linkRemoved = removedLink!.id)}`);
  await api('PATCH', `/link-invites/${(explicit.linkChanged = changedLink!.id)}`, {
    role: changedLink!.role === 'admin' ? 'read' : 'admin',
  });
  membersAfter = members();
  linksAfter = inviteLinks();

  await exportTo(newer, 'ndjson');
});
afterAll(() => sandbox?.close());

describe('rollcall diff of GitBook snapshots', () => {
  it('finds exactly the member and invite-link changes made, reading CSV on one side and NDJSON on the other', async () => {
    const result = await rollcall(['diff', older, newer, '--json']);
    expect(result.code, describeRun(result)).toBe(0);
    const diff = JSON.parse(result.stdout);
    expect(diff.source).toBe('gitbook');
    expect(Object.keys(diff.entities)).toEqual(['members', 'invite-links']);
    expect(diff.entities.members).toEqual(
      expectedChanges(membersBefore, membersAfter, ['email'], ['role', 'disabled', 'sso']),
    );
    expect(diff.entities['invite-links']).toEqual(
      expectedChanges(linksBefore, linksAfter, ['kind', 'targetId'], ['role', 'redundant']),
    );
  });

  it('reports each change made, and nothing for a change of an untracked field', async () => {
    const diff = JSON.parse((await rollcall(['diff', older, newer, '--json'])).stdout);
    const { members: m, 'invite-links': links } = diff.entities;
    const changedIds = (rows: Array<Changed>) => rows.map((row) => row.row.id);
    expect(m.added.map((row: { id: string }) => row.id)).toEqual([explicit.added]);
    expect(m.added[0]).toEqual({
      id: explicit.added,
      email: 'new.member@example.com',
      role: 'edit',
      disabled: false,
      sso: false,
    });
    expect(m.removed.map((row: { id: string }) => row.id)).toEqual([explicit.removed]);
    const byId = new Map(m.changed.map((row: Changed) => [row.row.id, row.changes]));
    expect(byId.get(explicit.promoted)).toEqual({
      role: { old: membersBefore.get(explicit.promoted)!.role, new: 'admin' },
    });
    expect(byId.get(explicit.guestGivenRole)).toEqual({ role: { old: null, new: 'read' } });
    expect(byId.get(explicit.disabled)).toEqual({ disabled: { old: false, new: true } });
    const sso = membersBefore.get(explicit.ssoFlipped)!.sso;
    expect(byId.get(explicit.ssoFlipped)).toEqual({ sso: { old: sso, new: !sso } });
    expect(changedIds(m.changed)).not.toContain(explicit.seenOnly);
    expect(m.changed).toHaveLength(4);

    expect(links.added).toEqual([
      {
        id: explicit.linkAdded,
        kind: 'space',
        targetId: sandbox.control.gitbook.spaces()[0]!.id,
        role: 'comment',
        redundant: linksAfter.get(explicit.linkAdded)!.redundant,
      },
    ]);
    expect(links.removed.map((row: { id: string }) => row.id)).toEqual([explicit.linkRemoved]);
    expect(changedIds(links.changed)).toEqual([explicit.linkChanged]);
    expect(links.changed[0].row).toEqual({
      id: explicit.linkChanged,
      kind: 'organization',
      targetId: sandbox.gitbook.organizationId,
    });
  });

  it('prints a table per entity by default, a guest role as (none)', async () => {
    const result = await rollcall(['diff', older, newer]);
    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain('members: 1 added, 1 removed, 4 changed');
    expect(result.stdout).toContain('invite-links: 1 added, 1 removed, 1 changed');
    expect(result.stdout).toMatch(
      new RegExp(`\\n {2}changed +${explicit.guestGivenRole} +\\S+ +role \\(none\\) → read\\n`),
    );
    expect(result.stdout).toMatch(/\n {2}added +\S+ +new\.member@example\.com +role edit, disabled false, sso false\n/);
  });

  it('finds no differences between a snapshot and itself', async () => {
    const result = await rollcall(['diff', newer, newer]);
    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain('No differences.');
  });

  it('refuses to compare a GitBook snapshot with a TransactionLink one (exit 2)', async () => {
    const transactionLink = join(temporaryDir(), 'transactionlink');
    const exported = await rollcall(['export', '--out', transactionLink, '--format', 'json', '--quiet'], {
      env: sandboxEnv(sandbox),
    });
    expect(exported.code, describeRun(exported)).toBe(0);
    const result = await rollcall(['diff', transactionLink, newer]);
    expect(result.code, describeRun(result)).toBe(2);
    expect(logLines(result).at(-1)?.message).toMatch(/cannot compare a transactionlink snapshot .* with a gitbook one/);
  });
});

describe('rollcall verify on a GitBook snapshot', () => {
  it('passes when intact, then fails naming the file after a member is marked disabled in it', async () => {
    const intact = await rollcall(['verify', older]);
    expect(intact.code, describeRun(intact)).toBe(0);
    const rows = membersBefore.size + linksBefore.size;
    expect(intact.stdout).toBe(`intact: ${older} (2 files, ${rows} rows, as manifest.json says)\n`);

    const file = join(older, 'members.csv');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(',false,', ',true,')); // a member disabled after the fact
    const broken = await rollcall(['verify', older]);
    expect(broken.code, describeRun(broken)).toBe(1);
    const mismatches = broken.stdout.trimEnd().split('\n');
    expect(mismatches).toContainEqual(
      expect.stringMatching(/^mismatch: members\.csv: SHA-256 [0-9a-f]{64}, the manifest says [0-9a-f]{64}$/),
    );
    for (const mismatch of mismatches) expect(mismatch).toMatch(/^mismatch: members\.csv: /);
  });
});
