/**
 * The result of `rollcall review`: what `findings.json` holds, and what `report.html` and
 * `worksheet.csv` are rendered from. Plain data (JSON round-trips it unchanged), so a report can be
 * rendered again from a saved `findings.json`.
 *
 * @module
 */

/** The rules `rollcall review` applies, in the order a report lists them. */
export const RULE_IDS = [
  'terminated-with-membership',
  'cross-system-mismatch',
  'admin-invite-link',
  'idle-account',
  'pending-enrollment',
  'privileged-account',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const SEVERITIES = ['high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A cell of evidence, as read from the snapshot file. */
export type EvidenceValue = string | number | boolean | null;

/** One thing a reviewer has to decide on. */
export interface Finding {
  /** Stable across runs over the same snapshots: `<rule>:<source>:<key>`. */
  readonly id: string;
  readonly rule: RuleId;
  readonly severity: Severity;
  /** One sentence a reviewer reads, e.g. "ada@example.com is TERMINATED but still in 2 workspaces". */
  readonly title: string;
  /** The snapshot entity the finding is about: `users`, `members`, `enrollments`, `invite-links`, … */
  readonly entity: string;
  /** What identifies the entity to a person: an e-mail (lower-cased) or an id. */
  readonly key: string;
  /** The fields the rule looked at, with their values in the snapshot. */
  readonly evidence: Readonly<Record<string, EvidenceValue>>;
  /** `transactionlink` or `gitbook`. */
  readonly source: string;
  /** The snapshot directory the evidence came from, as given on the command line. */
  readonly snapshot: string;
  /** The file inside it, e.g. `users.ndjson`. */
  readonly file: string;
}

/** A snapshot the review read, after `verify` passed on it. */
export interface ReviewedSnapshot {
  readonly path: string;
  readonly source: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** The manifest's SHA-256, hex: which exact evidence the review was made from. */
  readonly manifestSha256: string;
  /** The signing key's id when the snapshot is signed (and the signature was checked), else null. */
  readonly signedBy: string | null;
}

/** Privileged accounts of one source at one snapshot: the over-time series of the report. */
export interface PrivilegedCount {
  readonly source: string;
  readonly snapshot: string;
  readonly finishedAt: string;
  readonly count: number;
}

export interface ReviewDocument {
  readonly tool: { readonly name: string; readonly version: string };
  readonly generatedAt: string;
  readonly parameters: { readonly idleDays: number; readonly pendingDays: number };
  readonly snapshots: ReadonlyArray<ReviewedSnapshot>;
  readonly summary: {
    readonly total: number;
    readonly bySeverity: Readonly<Record<Severity, number>>;
    readonly byRule: Readonly<Record<RuleId, number>>;
  };
  readonly privilegedOverTime: ReadonlyArray<PrivilegedCount>;
  /** Sorted by severity (high first), then rule (RULE_IDS order), then key. */
  readonly findings: ReadonlyArray<Finding>;
}
