/**
 * ReviewDocuments written by hand for the report's tests: one finding per rule at least, values
 * a directory really holds that break naive HTML (markup, quotes, `&`, emoji, U+2028, very long
 * keys), and an empty review.
 */
import {
  type Finding,
  type ReviewDocument,
  RULE_IDS,
  type RuleId,
  SEVERITIES,
  type Severity,
} from '../../src/review/review-document.js';

/** Markup in data that would run if it were ever rendered as HTML: it sets `window.__pwned`. */
export const HOSTILE = {
  key: '<img src=x onerror="window.__pwned=1">@example.com',
  title: '</script><script>window.__pwned=1</script> still in "Admins" & \'Owners\' 🦄',
  snapshotPath: 'snapshots/<svg onload=window.__pwned=1>',
  signedBy: '"><script>window.__pwned=1</script>',
  evidence: '<b onmouseover=window.__pwned=1>bold</b> \u2028 &amp; 💥',
} as const;

export const LONG_KEY = `${'very-long-local-part.'.repeat(12)}grace@example.com`;

const TL = 'snapshots/transactionlink-20261201T090000Z';
const GB = HOSTILE.snapshotPath;

const finding = (
  rule: RuleId,
  severity: Severity,
  source: 'transactionlink' | 'gitbook',
  key: string,
  title: string,
  evidence: Finding['evidence'],
): Finding => ({
  id: `${rule}:${source}:${key}`,
  rule,
  severity,
  title,
  entity: source === 'gitbook' ? 'members' : 'users',
  key,
  evidence,
  source,
  snapshot: source === 'gitbook' ? GB : TL,
  file: source === 'gitbook' ? 'members.ndjson' : 'users.ndjson',
});

const FINDINGS: ReadonlyArray<Finding> = [
  finding(
    'terminated-with-membership',
    'high',
    'transactionlink',
    'ada@example.com',
    'ada@example.com is TERMINATED but still in 2 workspaces',
    { status: 'TERMINATED', workspaces: 2 },
  ),
  finding('terminated-with-membership', 'high', 'transactionlink', HOSTILE.key, HOSTILE.title, {
    status: 'TERMINATED',
    note: HOSTILE.evidence,
  }),
  finding(
    'cross-system-mismatch',
    'high',
    'gitbook',
    'bob@example.com',
    'bob@example.com is TERMINATED in TransactionLink but a GitBook member',
    { transactionlinkStatus: 'TERMINATED', gitbookRole: 'admin' },
  ),
  finding('admin-invite-link', 'medium', 'gitbook', 'link-1', 'An organization invite link grants admin', {
    kind: 'organization',
    role: 'admin',
    redundant: false,
  }),
  finding('idle-account', 'medium', 'transactionlink', LONG_KEY, 'Not logged in for 400 days', {
    lastLoginDateTime: '2025-10-28T08:00:00Z',
    days: 400,
  }),
  finding('idle-account', 'low', 'gitbook', 'carol@example.com', 'Not seen for 120 days', { lastSeenAt: null }),
  finding('pending-enrollment', 'low', 'transactionlink', 'dave@example.com', 'Enrollment pending for 30 days', {
    status: 'PENDING',
    lastInvitationSentAt: '2026-11-01T00:00:00Z',
  }),
  finding('privileged-account', 'info', 'transactionlink', 'erin@example.com', 'erin@example.com holds Admin', {
    roleName: 'Admin',
  }),
  finding('privileged-account', 'info', 'gitbook', 'grace@example.com', 'grace@example.com is an owner', {
    role: 'owner',
    sso: true,
  }),
];

const severityRank = (severity: Severity) => SEVERITIES.indexOf(severity);
const ruleRank = (rule: RuleId) => RULE_IDS.indexOf(rule);

/** A document over `findings`, its summary counted and its findings in the documented order. */
export const reviewDocument = (findings: ReadonlyArray<Finding>): ReviewDocument => {
  const sorted = [...findings].sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      ruleRank(a.rule) - ruleRank(b.rule) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  const count = <K extends string>(keys: ReadonlyArray<K>, of: (finding: Finding) => K) =>
    Object.fromEntries(keys.map((key) => [key, sorted.filter((finding) => of(finding) === key).length])) as Record<
      K,
      number
    >;
  return {
    tool: { name: 'rollcall', version: '0.1.0' },
    generatedAt: '2026-12-07T09:30:00Z',
    parameters: { idleDays: 90, pendingDays: 14 },
    snapshots: [
      {
        path: TL,
        source: 'transactionlink',
        startedAt: '2026-12-01T09:00:00Z',
        finishedAt: '2026-12-01T09:02:10Z',
        manifestSha256: '3f'.repeat(32),
        signedBy: 'ed25519:6b1f0c2d9e4a',
      },
      {
        path: GB,
        source: 'gitbook',
        startedAt: '2026-12-01T09:03:00Z',
        finishedAt: '2026-12-01T09:03:20Z',
        manifestSha256: 'a0'.repeat(32),
        signedBy: HOSTILE.signedBy,
      },
      {
        path: 'snapshots/tl-2',
        source: 'transactionlink',
        startedAt: '2026-11-01T08:59:00Z',
        finishedAt: '2026-11-01T09:00:00Z',
        manifestSha256: '07'.repeat(32),
        signedBy: null,
      },
    ],
    summary: {
      total: sorted.length,
      bySeverity: count(SEVERITIES, (finding) => finding.severity),
      byRule: count(RULE_IDS, (finding) => finding.rule),
    },
    privilegedOverTime: [
      { source: 'transactionlink', snapshot: 'snapshots/tl-1', finishedAt: '2026-10-01T09:00:00Z', count: 4 },
      { source: 'transactionlink', snapshot: TL, finishedAt: '2026-12-01T09:02:10Z', count: 6 },
      { source: 'transactionlink', snapshot: 'snapshots/tl-2', finishedAt: '2026-11-01T09:00:00Z', count: 5 },
      { source: 'gitbook', snapshot: GB, finishedAt: '2026-12-01T09:03:20Z', count: 2 },
    ],
    findings: sorted,
  };
};

/** Every rule, every severity, both sources, and the hostile values. */
export const fullReview = (): ReviewDocument => reviewDocument(FINDINGS);

/** A review that found nothing. */
export const emptyReview = (): ReviewDocument => ({ ...reviewDocument([]), privilegedOverTime: [] });
