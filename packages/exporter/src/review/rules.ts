/**
 * The six rules of `rollcall review`, as pure functions over loaded snapshots. Time-based rules
 * measure from the snapshot's `finishedAt`, never the wall clock. Keys are e-mails lower-cased
 * (the join between TransactionLink and GitBook), or an id where there is no e-mail.
 *
 * @module
 */
import type { ReadRecord } from '../internal/record-parsers.js';
import type { LoadedSnapshot, LoadedTable } from './load-snapshot.js';
import type { EvidenceValue, Finding, PrivilegedCount, RuleId, Severity } from './review-document.js';

/** Each rule's default severity. */
export const RULE_SEVERITY: Readonly<Record<RuleId, Severity>> = {
  'terminated-with-membership': 'high',
  'cross-system-mismatch': 'high',
  'admin-invite-link': 'high',
  'idle-account': 'medium',
  'pending-enrollment': 'low',
  'privileged-account': 'info',
};

/** What the rules need besides the snapshots. */
export interface RuleParameters {
  /** An account is idle when last seen this many days or more before the snapshot. */
  readonly idleDays: number;
  /** An enrollment is flagged when PENDING this many days or more since its last invitation. */
  readonly pendingDays: number;
}

/** What the rules found, and what they could not judge. */
export interface RuleResults {
  readonly findings: ReadonlyArray<Finding>;
  readonly privilegedOverTime: ReadonlyArray<PrivilegedCount>;
  /** Sentences for the operator, e.g. members that could not be joined for want of an e-mail. */
  readonly warnings: ReadonlyArray<string>;
}

const TRANSACTIONLINK = 'transactionlink';
const GITBOOK = 'gitbook';
const DAY_MS = 86_400_000;
const PRIVILEGED_TRANSACTIONLINK_ROLES = new Set(['owner', 'admin']);

const text = (record: ReadRecord, column: string): string | null => {
  const value = record[column];
  return value === null || value === undefined ? null : String(value);
};
const lower = (value: string | null): string | null => (value === null ? null : value.toLowerCase());
const upper = (value: string | null): string | null => (value === null ? null : value.toUpperCase());
const emailKey = (record: ReadRecord, idColumn: string): string =>
  lower(text(record, 'email')) ?? text(record, idColumn) ?? '';
const ageDays = (now: string, then: string): number => (Date.parse(now) - Date.parse(then)) / DAY_MS;

const EMPTY_TABLE: LoadedTable = { file: '', rows: [] };
const table = (snapshot: LoadedSnapshot, entity: string): LoadedTable => snapshot.tables[entity] ?? EMPTY_TABLE;

interface Draft {
  readonly entity: string;
  readonly key: string;
  readonly title: string;
  readonly evidence: Readonly<Record<string, EvidenceValue>>;
}

const finding = (rule: RuleId, snapshot: LoadedSnapshot, draft: Draft): Finding => ({
  id: `${rule}:${snapshot.source}:${draft.key}`,
  rule,
  severity: RULE_SEVERITY[rule],
  title: draft.title,
  entity: draft.entity,
  key: draft.key,
  evidence: draft.evidence,
  source: snapshot.source,
  snapshot: snapshot.path,
  file: table(snapshot, draft.entity).file,
});

const pick = (record: ReadRecord, columns: ReadonlyArray<string>): Record<string, EvidenceValue> =>
  Object.fromEntries(columns.map((column) => [column, record[column] ?? null]));

const isActiveUser = (user: ReadRecord): boolean => upper(text(user, 'status')) === 'ACTIVE';
const isEnabledMember = (member: ReadRecord): boolean => member.disabled !== true;

/** TERMINATED TransactionLink users who still hold at least one workspace membership. */
export const terminatedWithMembership = (snapshot: LoadedSnapshot): ReadonlyArray<Finding> => {
  const workspacesOf = new Map<string, Array<string>>();
  for (const membership of table(snapshot, 'workspace-memberships').rows) {
    const userId = text(membership, 'userId') ?? '';
    const names = workspacesOf.get(userId) ?? [];
    names.push(text(membership, 'workspaceName') ?? text(membership, 'workspaceId') ?? '');
    workspacesOf.set(userId, names);
  }
  return table(snapshot, 'users').rows.flatMap((user) => {
    const workspaces = workspacesOf.get(text(user, 'id') ?? '');
    if (upper(text(user, 'status')) !== 'TERMINATED' || workspaces === undefined) return [];
    const key = emailKey(user, 'id');
    const count = workspaces.length;
    return [
      finding('terminated-with-membership', snapshot, {
        entity: 'users',
        key,
        title: `${key} is TERMINATED but still in ${count} workspace${count === 1 ? '' : 's'}`,
        evidence: { ...pick(user, ['id', 'email', 'status']), memberships: count, workspaces: workspaces.join('; ') },
      }),
    ];
  });
};

/**
 * ACTIVE TransactionLink users and enabled GitBook members last seen `idleDays` or more before
 * the snapshot; one never seen is measured from when the account was created (or joined).
 */
export const idleAccounts = (snapshot: LoadedSnapshot, idleDays: number): ReadonlyArray<Finding> => {
  const [entity, idColumn, seenColumn, sinceColumn, active] =
    snapshot.source === GITBOOK
      ? (['members', 'id', 'lastSeenAt', 'joinedAt', isEnabledMember] as const)
      : (['users', 'id', 'lastLoginDateTime', 'createdDateTime', isActiveUser] as const);
  return table(snapshot, entity).rows.flatMap((account) => {
    if (!active(account)) return [];
    const seen = text(account, seenColumn);
    const since = seen ?? text(account, sinceColumn);
    if (since !== null && ageDays(snapshot.finishedAt, since) < idleDays) return [];
    const key = emailKey(account, idColumn);
    const idle =
      since === null ? 'with no record of ever being seen' : `${Math.floor(ageDays(snapshot.finishedAt, since))} days`;
    return [
      finding('idle-account', snapshot, {
        entity,
        key,
        title: seen === null ? `${key} has never been seen (${idle})` : `${key} has not been seen for ${idle}`,
        evidence: pick(account, [idColumn, 'email', seenColumn, sinceColumn]),
      }),
    ];
  });
};

/** PENDING enrollments whose last invitation went out `pendingDays` or more before the snapshot. */
export const pendingEnrollments = (snapshot: LoadedSnapshot, pendingDays: number): ReadonlyArray<Finding> =>
  table(snapshot, 'enrollments').rows.flatMap((enrollment) => {
    const sent = text(enrollment, 'lastInvitationSentAt');
    if (upper(text(enrollment, 'status')) !== 'PENDING' || sent === null) return [];
    const age = ageDays(snapshot.finishedAt, sent);
    if (age < pendingDays) return [];
    const key = emailKey(enrollment, 'enrollmentId');
    return [
      finding('pending-enrollment', snapshot, {
        entity: 'enrollments',
        key,
        title: `${key} has been invited ${Math.floor(age)} days ago and not enrolled`,
        evidence: pick(enrollment, ['enrollmentId', 'email', 'status', 'lastInvitationSentAt']),
      }),
    ];
  });

/** GitBook invite links (to the organization, a space or a collection) that grant admin. */
export const adminInviteLinks = (snapshot: LoadedSnapshot): ReadonlyArray<Finding> =>
  table(snapshot, 'invite-links').rows.flatMap((link) => {
    if (lower(text(link, 'role')) !== 'admin') return [];
    const key = text(link, 'id') ?? '';
    const kind = text(link, 'kind') ?? 'unknown';
    return [
      finding('admin-invite-link', snapshot, {
        entity: 'invite-links',
        key,
        title: `invite link ${key} grants admin of a ${kind} to whoever opens it`,
        evidence: pick(link, ['id', 'kind', 'role', 'targetId', 'redundant']),
      }),
    ];
  });

/**
 * Privileged accounts: ACTIVE TransactionLink users with the organization role owner or admin, or
 * a workspace role of that name; enabled GitBook members with the role admin.
 */
export const privilegedAccounts = (snapshot: LoadedSnapshot): ReadonlyArray<Finding> => {
  if (snapshot.source === GITBOOK) {
    return table(snapshot, 'members').rows.flatMap((member) => {
      if (!isEnabledMember(member) || lower(text(member, 'role')) !== 'admin') return [];
      const key = emailKey(member, 'id');
      return [
        finding('privileged-account', snapshot, {
          entity: 'members',
          key,
          title: `${key} is a GitBook admin`,
          evidence: pick(member, ['id', 'email', 'role']),
        }),
      ];
    });
  }
  const adminWorkspaces = new Map<string, Array<string>>();
  for (const membership of table(snapshot, 'workspace-memberships').rows) {
    if (!PRIVILEGED_TRANSACTIONLINK_ROLES.has(lower(text(membership, 'roleName')) ?? '')) continue;
    const userId = text(membership, 'userId') ?? '';
    const names = adminWorkspaces.get(userId) ?? [];
    names.push(text(membership, 'workspaceName') ?? text(membership, 'workspaceId') ?? '');
    adminWorkspaces.set(userId, names);
  }
  return table(snapshot, 'users').rows.flatMap((user) => {
    if (!isActiveUser(user)) return [];
    const role = text(user, 'roleName');
    const organizationAdmin = PRIVILEGED_TRANSACTIONLINK_ROLES.has(lower(role) ?? '');
    const workspaces = adminWorkspaces.get(text(user, 'id') ?? '') ?? [];
    if (!organizationAdmin && workspaces.length === 0) return [];
    const key = emailKey(user, 'id');
    const what = [
      ...(organizationAdmin ? [`the organization role ${role}`] : []),
      ...(workspaces.length > 0 ? [`workspace admin of ${workspaces.join(', ')}`] : []),
    ];
    return [
      finding('privileged-account', snapshot, {
        entity: 'users',
        key,
        title: `${key} has ${what.join(' and ')}`,
        evidence: { ...pick(user, ['id', 'email', 'roleName']), adminWorkspaces: workspaces.join('; ') },
      }),
    ];
  });
};

type Presence = 'active' | 'inactive';

/**
 * Accounts ACTIVE in one system and absent, TERMINATED or disabled in the other, joined on the
 * lower-cased e-mail. A GitBook member without an e-mail cannot be joined: skipped and counted.
 */
export const crossSystemMismatches = (
  transactionLink: LoadedSnapshot,
  gitBook: LoadedSnapshot,
): { readonly findings: ReadonlyArray<Finding>; readonly unjoinable: number } => {
  const users = new Map<string, { record: ReadRecord; presence: Presence }>();
  for (const user of table(transactionLink, 'users').rows) {
    const email = lower(text(user, 'email'));
    if (email === null) continue;
    const presence: Presence = isActiveUser(user) ? 'active' : 'inactive';
    if (users.get(email)?.presence !== 'active') users.set(email, { record: user, presence });
  }
  const members = new Map<string, { record: ReadRecord; presence: Presence }>();
  let unjoinable = 0;
  for (const member of table(gitBook, 'members').rows) {
    const email = lower(text(member, 'email'));
    if (email === null || email === '') {
      unjoinable++;
      continue;
    }
    const presence: Presence = isEnabledMember(member) ? 'active' : 'inactive';
    if (members.get(email)?.presence !== 'active') members.set(email, { record: member, presence });
  }
  const findings: Array<Finding> = [];
  for (const email of new Set([...users.keys(), ...members.keys()])) {
    const user = users.get(email);
    const member = members.get(email);
    const userActive = user?.presence === 'active';
    const memberActive = member?.presence === 'active';
    if (userActive === memberActive) continue;
    const transactionLinkState = user === undefined ? 'absent' : (text(user.record, 'status') ?? 'unknown');
    const gitBookState = member === undefined ? 'absent' : member.presence === 'active' ? 'active' : 'disabled';
    const evidence = { email, transactionlink: transactionLinkState, gitbook: gitBookState };
    findings.push(
      userActive
        ? finding('cross-system-mismatch', transactionLink, {
            entity: 'users',
            key: email,
            title: `${email} is ACTIVE in TransactionLink but ${gitBookState} in GitBook`,
            evidence,
          })
        : finding('cross-system-mismatch', gitBook, {
            entity: 'members',
            key: email,
            title: `${email} is active in GitBook but ${transactionLinkState === 'absent' ? 'absent' : transactionLinkState} in TransactionLink`,
            evidence,
          }),
    );
  }
  return { findings, unjoinable };
};

const latestOf = (snapshots: ReadonlyArray<LoadedSnapshot>, source: string): LoadedSnapshot | undefined =>
  snapshots
    .filter((snapshot) => snapshot.source === source)
    .reduce<LoadedSnapshot | undefined>(
      (latest, snapshot) =>
        latest === undefined || Date.parse(snapshot.finishedAt) > Date.parse(latest.finishedAt) ? snapshot : latest,
      undefined,
    );

/**
 * Every rule over the snapshots: findings from the latest snapshot of each source (by
 * `finishedAt`), the privileged count of every snapshot, oldest first.
 */
export const applyRules = (snapshots: ReadonlyArray<LoadedSnapshot>, parameters: RuleParameters): RuleResults => {
  const transactionLink = latestOf(snapshots, TRANSACTIONLINK);
  const gitBook = latestOf(snapshots, GITBOOK);
  const findings: Array<Finding> = [];
  const warnings: Array<string> = [];
  if (transactionLink !== undefined) {
    findings.push(...terminatedWithMembership(transactionLink));
    findings.push(...pendingEnrollments(transactionLink, parameters.pendingDays));
  }
  if (gitBook !== undefined) findings.push(...adminInviteLinks(gitBook));
  for (const latest of [transactionLink, gitBook]) {
    if (latest === undefined) continue;
    findings.push(...idleAccounts(latest, parameters.idleDays));
    findings.push(...privilegedAccounts(latest));
  }
  if (transactionLink !== undefined && gitBook !== undefined) {
    const crossSystem = crossSystemMismatches(transactionLink, gitBook);
    findings.push(...crossSystem.findings);
    if (crossSystem.unjoinable > 0) {
      warnings.push(
        `${crossSystem.unjoinable} GitBook member${crossSystem.unjoinable === 1 ? '' : 's'} without an e-mail could not be joined with TransactionLink (not checked for cross-system-mismatch)`,
      );
    }
  }
  const privilegedOverTime = [...snapshots]
    .sort((a, b) => Date.parse(a.finishedAt) - Date.parse(b.finishedAt) || a.source.localeCompare(b.source))
    .map((snapshot) => ({
      source: snapshot.source,
      snapshot: snapshot.path,
      finishedAt: snapshot.finishedAt,
      count: privilegedAccounts(snapshot).length,
    }));
  return { findings, privilegedOverTime, warnings };
};
