/**
 * `rollcall review`'s core: load and verify every snapshot, apply the rules, and assemble the
 * `ReviewDocument` (findings sorted, counted per severity and rule).
 *
 * @module
 */
import type * as FileSystem from '@effect/platform/FileSystem';
import type * as Path from '@effect/platform/Path';
import * as Effect from 'effect/Effect';
import type { SnapshotUnreadable, VerifyFailed } from '../errors.js';
import { tool } from '../internal/package-info.js';
import type { VerifyingKey } from '../signing.js';
import { type LoadedSnapshot, loadSnapshot } from './load-snapshot.js';
import {
  type Finding,
  type ReviewDocument,
  RULE_IDS,
  type RuleId,
  SEVERITIES,
  type Severity,
} from './review-document.js';
import { applyRules, type RuleParameters } from './rules.js';

/** What to review. */
export interface ReviewRequest extends RuleParameters {
  /** Snapshot folders, as given on the command line. */
  readonly snapshots: ReadonlyArray<string>;
  /** Require every snapshot signed by the holder of this key (`verify --public-key`). */
  readonly publicKey?: VerifyingKey | undefined;
}

/** The document, and what the operator should know that is not a finding. */
export interface ReviewOutcome {
  readonly document: ReviewDocument;
  readonly warnings: ReadonlyArray<string>;
}

const compareFindings = (a: Finding, b: Finding): number =>
  SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
  RULE_IDS.indexOf(a.rule) - RULE_IDS.indexOf(b.rule) ||
  (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const countBy = <K extends string>(keys: ReadonlyArray<K>, values: ReadonlyArray<K>): Record<K, number> => {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
  for (const value of values) counts[value]++;
  return counts;
};

/** The review of snapshots already loaded; `generatedAt` is the only field that is not derived from them. */
export const reviewSnapshots = (
  snapshots: ReadonlyArray<LoadedSnapshot>,
  parameters: RuleParameters,
  generatedAt: string,
): ReviewOutcome => {
  const { findings, privilegedOverTime, warnings } = applyRules(snapshots, parameters);
  const sorted = [...findings].sort(compareFindings);
  return {
    document: {
      tool: { name: tool.name, version: tool.version },
      generatedAt,
      parameters: { idleDays: parameters.idleDays, pendingDays: parameters.pendingDays },
      snapshots: snapshots.map(({ path, source, startedAt, finishedAt, manifestSha256, signedBy }) => ({
        path,
        source,
        startedAt,
        finishedAt,
        manifestSha256,
        signedBy,
      })),
      summary: {
        total: sorted.length,
        bySeverity: countBy<Severity>(
          SEVERITIES,
          sorted.map((finding) => finding.severity),
        ),
        byRule: countBy<RuleId>(
          RULE_IDS,
          sorted.map((finding) => finding.rule),
        ),
      },
      privilegedOverTime,
      findings: sorted,
    },
    warnings,
  };
};

/** Verifies and reads every snapshot (refusing one that fails verify, or its signature with a key), then reviews them. */
export const runReview = (
  request: ReviewRequest,
): Effect.Effect<ReviewOutcome, SnapshotUnreadable | VerifyFailed, FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function* () {
    const loaded = yield* Effect.forEach(request.snapshots, (dir) =>
      loadSnapshot(dir, { publicKey: request.publicKey }),
    );
    const outcome = reviewSnapshots(loaded, request, new Date().toISOString());
    const unchecked = loaded.flatMap((snapshot) =>
      snapshot.uncheckedSignature === undefined
        ? []
        : [
            `${snapshot.path} is signed (key ${snapshot.uncheckedSignature}) but its signature was not checked: give --public-key`,
          ],
    );
    return { ...outcome, warnings: [...outcome.warnings, ...unchecked] };
  });

/** `12 findings: high 3, medium 2, …; terminated-with-membership 2, …`, for the operator. */
export const summaryLine = (document: ReviewDocument): string => {
  const { total, bySeverity, byRule } = document.summary;
  const list = (counts: Readonly<Record<string, number>>) =>
    Object.entries(counts)
      .map(([name, count]) => `${name} ${count}`)
      .join(', ');
  return `${total} finding${total === 1 ? '' : 's'} (${list(bySeverity)}); by rule: ${list(byRule)}`;
};
