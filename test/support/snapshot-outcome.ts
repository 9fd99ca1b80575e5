/**
 * The rule every export under faults must obey: it ends with a snapshot whose data files are
 * byte-identical to the fault-free one, or with exit 1, nothing on stdout, and nothing at the
 * target path nor beside it (no temporary `.…partial-…` folder).
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { type CliResult, dataFilesOf } from '../e2e/support.js';

/** How an export ended, judged by the rule above. */
export type SnapshotOutcome =
  | { readonly kind: 'identical' }
  | { readonly kind: 'failed-cleanly' }
  | { readonly kind: 'violation'; readonly reason: string };

const differences = (actual: Map<string, Buffer>, expected: ReadonlyMap<string, Buffer>): Array<string> => {
  const names = new Set([...actual.keys(), ...expected.keys()]);
  return [...names]
    .filter((name) => {
      const a = actual.get(name);
      const b = expected.get(name);
      return a === undefined || b === undefined || !a.equals(b);
    })
    .sort();
};

/**
 * Judges a run that exported into `target` (whose parent folder held nothing else before the
 * run) against the data files of the fault-free snapshot, `reference`.
 */
export const judgeExport = (
  result: CliResult,
  target: string,
  reference: ReadonlyMap<string, Buffer>,
): SnapshotOutcome => {
  if (result.code === 0) {
    if (!existsSync(target)) return { kind: 'violation', reason: 'exit 0 but no snapshot at the target' };
    const differing = differences(dataFilesOf(target), reference);
    if (differing.length > 0) {
      return { kind: 'violation', reason: `exit 0 with data files that differ: ${differing.join(', ')}` };
    }
    const leftovers = readdirSync(dirname(target)).filter((name) => name !== basename(target));
    if (leftovers.length > 0) return { kind: 'violation', reason: `left beside the snapshot: ${leftovers.join(', ')}` };
    return { kind: 'identical' };
  }
  if (result.code !== 1) return { kind: 'violation', reason: `exit ${result.code} (${result.signal ?? 'no signal'})` };
  const left = readdirSync(dirname(target));
  if (left.length > 0) return { kind: 'violation', reason: `exit 1 but left: ${left.join(', ')}` };
  if (result.stdout !== '') return { kind: 'violation', reason: `exit 1 with stdout ${JSON.stringify(result.stdout)}` };
  return { kind: 'failed-cleanly' };
};
