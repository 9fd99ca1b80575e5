/**
 * `rollcall verify` and `rollcall diff` on real snapshots: two exports with changes made through
 * the sandbox's control API (and one invitation through the API) in between.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, logLines, rollcall, sandboxEnv, temporaryDir } from './support.js';

interface User {
  id: string;
  email: string;
  roleId: string;
  status: string;
}
interface Membership {
  workspaceId: string;
  userId: string;
  role: { id: string; name: string };
}

let sandbox: Sandbox;
let older: string;
let newer: string;
const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
  const response = await fetch(`${sandbox.url}${path}`, {
    ...init,
    headers: { Authorization: sandbox.token, 'Content-Type': 'application/json' },
  });
  expect(response.ok, `${path}: ${response.status}`).toBe(true);
  return (await response.json()) as T;
};
const allUsers = async () => (await api<{ content: Array<User> }>('/organizations/users?size=100')).content;
const allMemberships = async () => {
  const workspaces = await api<Array<{ id: string; name: string }>>('/organizations/workspaces');
  const memberships = new Map<string, Membership>();
  for (const workspace of workspaces) {
    for (const m of await api<Array<Membership>>(`/organizations/workspaces/${workspace.id}/memberships`)) {
      memberships.set(`${m.workspaceId}|${m.userId}`, m);
    }
  }
  return memberships;
};

const exportTo = async (out: string, format: string) => {
  const result = await rollcall(['export', '--out', out, '--format', format], { env: sandboxEnv(sandbox) });
  expect(result.code, describeRun(result)).toBe(0);
};

// What the test changed, to compare with what diff finds.
const expected = {
  users: {
    added: [] as Array<Record<string, string>>,
    removed: [] as Array<Record<string, string>>,
    changed: [] as Array<unknown>,
  },
  enrollments: { added: [] as Array<unknown>, removed: [] as Array<unknown>, changed: [] as Array<unknown> },
};
let membershipsBefore: Map<string, Membership>;
let membershipsAfter: Map<string, Membership>;
const explicitMembershipChanges: Array<{ kind: 'added' | 'removed' | 'changed'; key: string }> = [];

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'verify-diff', users: 30, workspaces: 3 });
  older = join(temporaryDir(), 'older');
  newer = join(temporaryDir(), 'newer');
  await exportTo(older, 'csv');

  const roles = await api<Array<{ id: string; name: string }>>('/organizations/roles');
  const roleName = new Map(roles.map((role) => [role.id, role.name]));
  const member = roles.find((role) => role.name === 'member')!;
  const admin = roles.find((role) => role.name === 'admin')!;
  membershipsBefore = await allMemberships();
  const members = (await allUsers()).filter((user) => user.status === 'ACTIVE' && user.roleId === member.id);
  const [victim, promoted, leaver, seated, reseated] = members;

  const hire = sandbox.control.addUser({ email: 'new.hire@example.com', firstName: 'New', roleId: member.id });
  expected.users.added.push({ id: hire.id, email: hire.email, role: 'member', status: 'ACTIVE' });
  sandbox.control.removeUser(victim!.id);
  expected.users.removed.push({ id: victim!.id, email: victim!.email, role: 'member', status: 'ACTIVE' });
  sandbox.control.updateUser(promoted!.id, { roleId: admin.id });
  sandbox.control.updateUser(leaver!.id, { status: 'TERMINATED' });

  const enrollments = (
    await api<{ content: Array<{ enrollmentId: string; email: string; status: string }> }>(
      '/organizations/enrollments?status=PENDING&size=100',
    )
  ).content;
  const [accepted, expired] = enrollments;
  const { user: joined } = sandbox.control.acceptEnrollment(accepted!.enrollmentId);
  expected.users.added.push({
    id: joined.id,
    email: joined.email,
    role: roleName.get(joined.roleId)!,
    status: 'ACTIVE',
  });
  sandbox.control.expireEnrollment(expired!.enrollmentId);
  const invited = await api<{ enrollmentId: string; email: string; status: string }>('/organizations/enrollments', {
    method: 'POST',
    body: JSON.stringify({ email: 'invited@example.com', roleId: member.id }),
  });
  expected.enrollments.added.push({
    enrollmentId: invited.enrollmentId,
    email: 'invited@example.com',
    status: 'PENDING',
  });
  expected.enrollments.changed.push(
    {
      row: { enrollmentId: accepted!.enrollmentId, email: accepted!.email },
      changes: { status: { old: 'PENDING', new: 'ACCEPTED' } },
    },
    {
      row: { enrollmentId: expired!.enrollmentId, email: expired!.email },
      changes: { status: { old: 'PENDING', new: 'EXPIRED' } },
    },
  );
  expected.users.changed.push(
    { row: { id: promoted!.id, email: promoted!.email }, changes: { role: { old: 'member', new: 'admin' } } },
    { row: { id: leaver!.id, email: leaver!.email }, changes: { status: { old: 'ACTIVE', new: 'TERMINATED' } } },
  );

  // Memberships: one added, one changed, one removed, explicitly.
  const workspaces = await api<Array<{ id: string }>>('/organizations/workspaces');
  const workspace = workspaces[0]!.id;
  const workspaceRoles = await api<Array<{ id: string }>>(`/organizations/workspaces/${workspace}/roles`);
  const current = [...(await allMemberships()).values()].filter((m) => m.workspaceId === workspace);
  const notSeated = [seated, reseated].find((user) => !current.some((m) => m.userId === user!.id))!;
  sandbox.control.setMembership(workspace, notSeated.id, workspaceRoles[0]!.id);
  explicitMembershipChanges.push({ kind: 'added', key: `${workspace}|${notSeated.id}` });
  const [changing, leaving] = current.filter((m) => m.userId !== promoted!.id && m.userId !== victim!.id);
  const otherRole = workspaceRoles.find((role) => role.id !== changing!.role.id)!;
  sandbox.control.setMembership(workspace, changing!.userId, otherRole.id);
  explicitMembershipChanges.push({ kind: 'changed', key: `${workspace}|${changing!.userId}` });
  sandbox.control.removeMembership(workspace, leaving!.userId);
  explicitMembershipChanges.push({ kind: 'removed', key: `${workspace}|${leaving!.userId}` });
  membershipsAfter = await allMemberships();

  await exportTo(newer, 'ndjson');
});
afterAll(() => sandbox?.close());

const byKey = <T extends Record<string, unknown>>(rows: ReadonlyArray<T>, key: (row: T) => string) =>
  [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

describe('rollcall diff', () => {
  it('finds exactly the user and enrollment changes made, reading CSV on one side and NDJSON on the other', async () => {
    const result = await rollcall(['diff', older, newer, '--json']);
    expect(result.code, describeRun(result)).toBe(0);
    const diff = JSON.parse(result.stdout);
    expect(diff.source).toBe('transactionlink');
    expect(diff.old.path).toBe(older);
    expect(diff.new.path).toBe(newer);
    expect(Object.keys(diff.entities)).toEqual(['users', 'workspace-memberships', 'enrollments']);
    const users = diff.entities.users;
    expect(users.added).toEqual(byKey(expected.users.added, (row) => row.id!));
    expect(users.removed).toEqual(expected.users.removed);
    expect(users.changed).toEqual(byKey(expected.users.changed as Array<{ row: { id: string } }>, (c) => c.row.id));
    const enrollments = diff.entities.enrollments;
    expect(enrollments.added).toEqual(expected.enrollments.added);
    expect(enrollments.removed).toEqual([]);
    expect(enrollments.changed).toEqual(
      byKey(expected.enrollments.changed as Array<{ row: { enrollmentId: string } }>, (c) => c.row.enrollmentId),
    );
  });

  it('finds exactly the membership changes the API shows, the explicit ones among them', async () => {
    const diff = JSON.parse((await rollcall(['diff', older, newer, '--json'])).stdout);
    const memberships = diff.entities['workspace-memberships'];
    const keys = (rows: Array<{ workspaceId: string; userId: string }>) =>
      rows.map((r) => `${r.workspaceId}|${r.userId}`);
    const added = [...membershipsAfter.keys()].filter((key) => !membershipsBefore.has(key)).sort();
    const removed = [...membershipsBefore.keys()].filter((key) => !membershipsAfter.has(key)).sort();
    const changed = [...membershipsAfter.keys()]
      .filter(
        (key) =>
          membershipsBefore.has(key) && membershipsBefore.get(key)!.role.id !== membershipsAfter.get(key)!.role.id,
      )
      .sort();
    expect(keys(memberships.added)).toEqual(added);
    expect(keys(memberships.removed)).toEqual(removed);
    expect(keys(memberships.changed.map((c: { row: { workspaceId: string; userId: string } }) => c.row))).toEqual(
      changed,
    );
    for (const { kind, key } of explicitMembershipChanges) {
      const listed = kind === 'changed' ? memberships.changed.map((c: { row: never }) => c.row) : memberships[kind];
      expect(keys(listed), `${kind} ${key}`).toContain(key);
    }
    for (const change of memberships.changed) {
      const key = `${change.row.workspaceId}|${change.row.userId}`;
      expect(change.changes.role).toEqual({
        old: membershipsBefore.get(key)!.role.name,
        new: membershipsAfter.get(key)!.role.name,
      });
    }
  });

  it('prints a table per entity by default', async () => {
    const result = await rollcall(['diff', older, newer]);
    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain('users: 2 added, 1 removed, 2 changed');
    expect(result.stdout).toContain('enrollments: 1 added, 0 removed, 2 changed');
    expect(result.stdout).toMatch(/\n {2}changed +\S+ +\S+ +status ACTIVE → TERMINATED\n/);
    expect(result.stdout).toMatch(/\n {2}added +\S+ +invited@example\.com +status PENDING\n/);
  });

  it('finds no differences between a snapshot and itself', async () => {
    const result = await rollcall(['diff', newer, newer]);
    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain('No differences.');
  });
});

describe('rollcall verify', () => {
  it('passes on an intact snapshot, then fails naming the file after one byte is changed', async () => {
    const intact = await rollcall(['verify', newer]);
    expect(intact.code, describeRun(intact)).toBe(0);
    expect(intact.stdout).toMatch(new RegExp(`^intact: ${newer} \\(6 files, \\d+ rows, as manifest.json says\\)\\n$`));

    const file = join(newer, 'users.ndjson');
    const bytes = readFileSync(file);
    const at = bytes.indexOf('@');
    bytes[at - 1] = bytes[at - 1] === 0x78 ? 0x79 : 0x78; // one letter of an email, same length
    writeFileSync(file, bytes);

    const broken = await rollcall(['verify', newer]);
    expect(broken.code, describeRun(broken)).toBe(1);
    const mismatches = broken.stdout.trimEnd().split('\n');
    expect(mismatches).toEqual([
      expect.stringMatching(/^mismatch: users\.ndjson: SHA-256 [0-9a-f]{64}, the manifest says [0-9a-f]{64}$/),
    ]);
    expect(logLines(broken).at(-1)).toMatchObject({ level: 'error', error: 'VerifyFailed', exitCode: 1 });
  });
});
