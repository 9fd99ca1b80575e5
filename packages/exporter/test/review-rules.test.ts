import { describe, expect, it } from 'vitest';
import type { Cell } from '../src/entity.js';
import type { LoadedSnapshot } from '../src/review/load-snapshot.js';
import { reviewSnapshots } from '../src/review/review.js';
import { applyRules } from '../src/review/rules.js';

type Rows = ReadonlyArray<Readonly<Record<string, Cell>>>;

const NOW = '2026-06-30T12:00:00.000Z';
const daysBefore = (days: number, now = NOW): string => new Date(Date.parse(now) - days * 86_400_000).toISOString();
const PARAMETERS = { idleDays: 90, pendingDays: 14 };

const snapshot = (
  source: string,
  tables: Record<string, Rows>,
  finishedAt = NOW,
  path = `${source}-${finishedAt}`,
): LoadedSnapshot => ({
  path,
  source,
  startedAt: finishedAt,
  finishedAt,
  manifestSha256: '0'.repeat(64),
  signedBy: null,
  tables: Object.fromEntries(
    Object.entries(tables).map(([entity, rows]) => [entity, { file: `${entity}.ndjson`, rows }]),
  ),
});

const user = (email: string | null, fields: Record<string, Cell> = {}) => ({
  id: `u-${email}`,
  email,
  status: 'ACTIVE',
  roleName: 'member',
  createdDateTime: daysBefore(400),
  lastLoginDateTime: daysBefore(1),
  ...fields,
});
const member = (email: string | null, fields: Record<string, Cell> = {}) => ({
  id: `m-${email}`,
  email,
  role: 'edit',
  disabled: false,
  joinedAt: daysBefore(400),
  lastSeenAt: daysBefore(1),
  ...fields,
});
const transactionLink = (users: Rows, extra: Record<string, Rows> = {}, finishedAt = NOW) =>
  snapshot('transactionlink', { users, 'workspace-memberships': [], enrollments: [], ...extra }, finishedAt);
const gitBook = (members: Rows, links: Rows = [], finishedAt = NOW) =>
  snapshot('gitbook', { members, 'invite-links': links }, finishedAt);

const keysOf = (snapshots: ReadonlyArray<LoadedSnapshot>, rule: string, parameters = PARAMETERS) =>
  applyRules(snapshots, parameters)
    .findings.filter((finding) => finding.rule === rule)
    .map((finding) => finding.key)
    .sort();

describe('review rules', () => {
  it('a clean pair of snapshots gives no findings', () => {
    const people = ['ada@example.com', 'bob@example.com'];
    const outcome = reviewSnapshots(
      [transactionLink(people.map((email) => user(email))), gitBook(people.map((email) => member(email)))],
      PARAMETERS,
      NOW,
    );
    expect(outcome.document.findings).toEqual([]);
    expect(outcome.document.summary.total).toBe(0);
    expect(outcome.warnings).toEqual([]);
  });

  it('terminated-with-membership: a TERMINATED user with a membership, not one without', () => {
    const tl = transactionLink(
      [user('gone@example.com', { status: 'TERMINATED' }), user('left@example.com', { status: 'TERMINATED' })],
      {
        'workspace-memberships': [
          { workspaceId: 'w1', workspaceName: 'Payments', userId: 'u-gone@example.com', roleName: 'Viewer' },
          { workspaceId: 'w2', workspaceName: 'Risk', userId: 'u-gone@example.com', roleName: 'Viewer' },
        ],
      },
    );
    const [finding] = applyRules([tl], PARAMETERS).findings.filter((f) => f.rule === 'terminated-with-membership');
    expect(finding).toMatchObject({
      id: 'terminated-with-membership:transactionlink:gone@example.com',
      severity: 'high',
      entity: 'users',
      file: 'users.ndjson',
      evidence: { status: 'TERMINATED', memberships: 2, workspaces: 'Payments; Risk' },
    });
    expect(keysOf([tl], 'terminated-with-membership')).toEqual(['gone@example.com']);
  });

  it('idle-account: exactly idle-days ago is idle, a millisecond less is not; never seen counts from creation', () => {
    const justUnder = new Date(Date.parse(daysBefore(90)) + 1).toISOString();
    const tl = transactionLink([
      user('boundary@example.com', { lastLoginDateTime: daysBefore(90) }),
      user('recent@example.com', { lastLoginDateTime: justUnder }),
      user('never-old@example.com', { lastLoginDateTime: null, createdDateTime: daysBefore(120) }),
      user('never-new@example.com', { lastLoginDateTime: null, createdDateTime: daysBefore(3) }),
      user('terminated@example.com', { status: 'TERMINATED', lastLoginDateTime: daysBefore(300) }),
    ]);
    expect(keysOf([tl], 'idle-account')).toEqual(['boundary@example.com', 'never-old@example.com']);
    expect(keysOf([tl], 'idle-account', { idleDays: 91, pendingDays: 14 })).toEqual(['never-old@example.com']);
    const gb = gitBook([
      member('seen@example.com', { lastSeenAt: daysBefore(100) }),
      member('disabled@example.com', { lastSeenAt: daysBefore(100), disabled: true }),
      member(null, { id: 'guest-1', role: null, lastSeenAt: null, joinedAt: daysBefore(200) }),
    ]);
    expect(keysOf([gb], 'idle-account')).toEqual(['guest-1', 'seen@example.com']);
  });

  it('measures time from the snapshot, not the wall clock', () => {
    const old = '2020-01-01T00:00:00.000Z';
    const tl = transactionLink([user('a@example.com', { lastLoginDateTime: daysBefore(10, old) })], {}, old);
    expect(keysOf([tl], 'idle-account')).toEqual([]);
  });

  it('pending-enrollment: PENDING for pending-days or more; other statuses and unknown times are not', () => {
    const enrollments = [
      { enrollmentId: 'e1', email: 'Late@Example.com', status: 'PENDING', lastInvitationSentAt: daysBefore(14) },
      { enrollmentId: 'e2', email: 'fresh@example.com', status: 'PENDING', lastInvitationSentAt: daysBefore(13.9) },
      { enrollmentId: 'e3', email: 'old@example.com', status: 'EXPIRED', lastInvitationSentAt: daysBefore(100) },
      { enrollmentId: 'e4', email: 'unknown@example.com', status: 'PENDING', lastInvitationSentAt: null },
    ];
    const tl = transactionLink([], { enrollments });
    expect(keysOf([tl], 'pending-enrollment')).toEqual(['late@example.com']);
    expect(keysOf([tl], 'pending-enrollment', { idleDays: 90, pendingDays: 15 })).toEqual([]);
  });

  it('admin-invite-link: links of any kind whose role is admin', () => {
    const gb = gitBook(
      [member('a@example.com')],
      [
        { id: 'l1', kind: 'organization', role: 'admin', targetId: 'org', redundant: false },
        { id: 'l2', kind: 'space', role: 'ADMIN', targetId: 's1', redundant: true },
        { id: 'l3', kind: 'organization', role: 'read', targetId: 'org', redundant: false },
        { id: 'l4', kind: 'organization', role: null, targetId: 'org', redundant: false },
      ],
    );
    expect(keysOf([gb], 'admin-invite-link')).toEqual(['l1', 'l2']);
  });

  it('privileged-account: owner/admin roles case-insensitively, workspace admins, GitBook admins', () => {
    const tl = transactionLink(
      [
        user('owner@example.com', { roleName: 'Owner' }),
        user('admin@example.com', { roleName: 'admin' }),
        user('ws@example.com'),
        user('plain@example.com'),
        user('gone@example.com', { roleName: 'owner', status: 'TERMINATED' }),
      ],
      {
        'workspace-memberships': [
          { workspaceId: 'w1', workspaceName: 'Payments', userId: 'u-ws@example.com', roleName: 'Admin' },
        ],
      },
    );
    expect(keysOf([tl], 'privileged-account')).toEqual(['admin@example.com', 'owner@example.com', 'ws@example.com']);
    const gb = gitBook([
      member('boss@example.com', { role: 'admin' }),
      member('x@example.com', { role: 'admin', disabled: true }),
    ]);
    expect(keysOf([gb], 'privileged-account')).toEqual(['boss@example.com']);
  });

  it('privilegedOverTime: one count per snapshot; findings come from the latest snapshot of a source', () => {
    const earlier = transactionLink([user('owner@example.com', { roleName: 'owner' })], {}, daysBefore(30));
    const later = transactionLink(
      [user('owner@example.com', { roleName: 'owner' }), user('admin@example.com', { roleName: 'admin' })],
      {},
    );
    const result = applyRules([later, earlier], PARAMETERS);
    expect(result.privilegedOverTime.map((point) => [point.finishedAt, point.count])).toEqual([
      [daysBefore(30), 1],
      [NOW, 2],
    ]);
    expect(result.findings.filter((f) => f.rule === 'privileged-account').map((f) => f.snapshot)).toEqual([
      later.path,
      later.path,
    ]);
  });

  it('cross-system-mismatch: joins on e-mail case-insensitively; absent, TERMINATED or disabled on the other side', () => {
    const tl = transactionLink([
      user('Ada@Example.COM'),
      user('tl-only@example.com'),
      user('terminated@example.com', { status: 'TERMINATED' }),
      user('both-off@example.com', { status: 'TERMINATED' }),
      user('disabled-there@example.com'),
    ]);
    const gb = gitBook([
      member('ada@example.com'),
      member('terminated@example.com'),
      member('both-off@example.com', { disabled: true }),
      member('disabled-there@example.com', { disabled: true }),
      member('gb-only@example.com'),
      member(null, { id: 'guest-1', role: null }),
    ]);
    const result = applyRules([tl, gb], PARAMETERS);
    const mismatches = result.findings.filter((f) => f.rule === 'cross-system-mismatch');
    expect(mismatches.map((f) => [f.key, f.source, f.evidence.transactionlink, f.evidence.gitbook]).sort()).toEqual([
      ['disabled-there@example.com', 'transactionlink', 'ACTIVE', 'disabled'],
      ['gb-only@example.com', 'gitbook', 'absent', 'active'],
      ['terminated@example.com', 'gitbook', 'TERMINATED', 'active'],
      ['tl-only@example.com', 'transactionlink', 'ACTIVE', 'absent'],
    ]);
    expect(result.warnings).toEqual([expect.stringContaining('1 GitBook member without an e-mail')]);
  });

  it('cross-system-mismatch needs both sources', () => {
    expect(keysOf([transactionLink([user('tl-only@example.com')])], 'cross-system-mismatch')).toEqual([]);
  });

  it('sorts by severity, then rule, then key, and counts per severity and rule', () => {
    const tl = transactionLink(
      [
        user('b@example.com', { roleName: 'owner', lastLoginDateTime: daysBefore(200) }),
        user('a@example.com', { status: 'TERMINATED' }),
      ],
      {
        'workspace-memberships': [
          { workspaceId: 'w1', workspaceName: 'W', userId: 'u-a@example.com', roleName: 'Viewer' },
        ],
      },
    );
    const { document } = reviewSnapshots([tl], PARAMETERS, NOW);
    expect(document.findings.map((f) => `${f.severity} ${f.rule} ${f.key}`)).toEqual([
      'high terminated-with-membership a@example.com',
      'medium idle-account b@example.com',
      'info privileged-account b@example.com',
    ]);
    expect(document.summary.bySeverity).toEqual({ high: 1, medium: 1, low: 0, info: 1 });
    expect(document.summary.byRule['idle-account']).toBe(1);
    expect(document.summary.total).toBe(3);
  });
});
