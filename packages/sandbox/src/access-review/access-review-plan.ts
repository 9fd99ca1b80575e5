/**
 * The people, enrollments and invite links of the `accessReview` scenario: both organizations
 * made so that `rollcall review` with its defaults (`--idle-days 90`, `--pending-days 14`) finds
 * each of its six findings exactly `findings` times, and nothing at all with `findings: 0`.
 * GitBook e-mails overlap TransactionLink's, one of them in another letter case, so the
 * cross-system join is exercised. Times are days before the sandbox's virtual now, so the
 * sandbox must be started with `now` close to when the snapshots are taken.
 */

/** A person's TransactionLink account. */
export interface PlannedUser {
  readonly email: string;
  readonly status: 'ACTIVE' | 'TERMINATED';
  readonly role: 'owner' | 'admin' | 'member';
  /** An explicit membership of the scenario's first workspace with this workspace role. */
  readonly workspaceRole: 'Admin' | 'Developer' | null;
  readonly lastLoginDaysAgo: number | null;
}

/** A person's GitBook membership. */
export interface PlannedMember {
  readonly email: string;
  /** null: a guest. */
  readonly role: 'admin' | 'edit' | 'read' | null;
  readonly disabled: boolean;
  readonly lastSeenDaysAgo: number | null;
}

export interface PlannedPerson {
  readonly transactionLink: PlannedUser | null;
  readonly gitBook: PlannedMember | null;
}

export interface PlannedEnrollment {
  readonly email: string;
  readonly status: 'PENDING' | 'ACCEPTED' | 'EXPIRED' | 'CANCELLED';
  readonly sentDaysAgo: number | null;
}

export interface AccessReviewPlan {
  /** The first person's GitBook membership is the one `sandbox.gitbook.token` belongs to. */
  readonly people: ReadonlyArray<PlannedPerson>;
  readonly enrollments: ReadonlyArray<PlannedEnrollment>;
  /** Organization invite links, by the role they grant. */
  readonly inviteLinkRoles: ReadonlyArray<'admin' | 'read' | null>;
}

/** Every account was created (or joined) this many days before now. */
export const CREATED_DAYS_AGO = 400;

const RECENT = 1;
const IDLE = 200;
const PENDING_TOO_LONG = 30;

const user = (email: string, fields: Partial<PlannedUser> = {}): PlannedUser => ({
  email,
  status: 'ACTIVE',
  role: 'member',
  workspaceRole: null,
  lastLoginDaysAgo: RECENT,
  ...fields,
});
const member = (email: string, fields: Partial<PlannedMember> = {}): PlannedMember => ({
  email,
  role: 'edit',
  disabled: false,
  lastSeenDaysAgo: RECENT,
  ...fields,
});
const both = (email: string, tl: Partial<PlannedUser> = {}, gb: Partial<PlannedMember> = {}): PlannedPerson => ({
  transactionLink: user(email, tl),
  gitBook: member(email, gb),
});

/** People who give no finding: active and seen recently in both systems, or gone from both. */
const cleanPeople = (): Array<PlannedPerson> => [
  both('reviewer@example.com', { workspaceRole: 'Developer' }),
  { transactionLink: user('Mixed.Case@Example.COM'), gitBook: member('mixed.case@example.com', { role: 'read' }) },
  both('guest@example.com', {}, { role: null }),
  { transactionLink: user('left@example.com', { status: 'TERMINATED' }), gitBook: null },
  {
    transactionLink: user('left-both@example.com', { status: 'TERMINATED' }),
    gitBook: member('left-both@example.com', { disabled: true }),
  },
];

/** People who give exactly one finding each, `findings` of every rule. */
const flaggedPeople = (findings: number): Array<PlannedPerson> => {
  const people: Array<PlannedPerson> = [];
  for (let i = 0; i < findings; i++) {
    people.push({
      transactionLink: user(`terminated.${i}@example.com`, { status: 'TERMINATED', workspaceRole: 'Developer' }),
      gitBook: null,
    });
    const mismatch = `mismatch.${i}@example.com`;
    people.push(
      [
        { transactionLink: user(mismatch), gitBook: null },
        { transactionLink: user(mismatch, { status: 'TERMINATED' }), gitBook: member(mismatch) },
        { transactionLink: user(mismatch), gitBook: member(mismatch, { disabled: true }) },
        { transactionLink: null, gitBook: member(mismatch) },
      ][i % 4]!,
    );
    people.push(
      i % 2 === 0
        ? both(`idle.${i}@example.com`, { lastLoginDaysAgo: IDLE })
        : both(`idle.${i}@example.com`, {}, { lastSeenDaysAgo: null }),
    );
    people.push(
      [
        both(`privileged.${i}@example.com`, { role: i % 2 === 0 ? 'owner' : 'admin' }),
        both(`privileged.${i}@example.com`, { workspaceRole: 'Admin' }),
        both(`privileged.${i}@example.com`, {}, { role: 'admin' }),
      ][i % 3]!,
    );
  }
  return people;
};

export const accessReviewPlan = (findings: number): AccessReviewPlan => ({
  people: [...cleanPeople(), ...flaggedPeople(findings)],
  enrollments: [
    { email: 'soon@example.com', status: 'PENDING', sentDaysAgo: 2 },
    { email: 'reviewer@example.com', status: 'ACCEPTED', sentDaysAgo: CREATED_DAYS_AGO },
    { email: 'expired@example.com', status: 'EXPIRED', sentDaysAgo: 100 },
    { email: 'cancelled@example.com', status: 'CANCELLED', sentDaysAgo: null },
    ...Array.from({ length: findings }, (_, i) => ({
      email: `invited.${i}@example.com`,
      status: 'PENDING' as const,
      sentDaysAgo: PENDING_TOO_LONG,
    })),
  ],
  inviteLinkRoles: ['read', null, ...Array.from({ length: findings }, () => 'admin' as const)],
});
