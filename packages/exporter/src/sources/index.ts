/**
 * The sources rollcall knows, by `--source` name.
 *
 * @module
 */
import { Effect } from 'effect';
import { UsageError } from '../errors.js';
import type { Source } from '../source.js';
import { transactionLinkSource } from './transactionlink.js';

/** Every source this version can export. */
export const sources: ReadonlyArray<Source> = [transactionLinkSource];

/** Names `--source` accepts, including sources announced but not available yet. */
export const SOURCE_NAMES = ['transactionlink', 'gitbook'] as const;

/** The source named by `--source`, or a UsageError naming the flag. */
export const findSource = (name: string): Effect.Effect<Source, UsageError> => {
  const source = sources.find((candidate) => candidate.name === name);
  if (source !== undefined) return Effect.succeed(source);
  const known = (SOURCE_NAMES as ReadonlyArray<string>).includes(name);
  return Effect.fail(
    new UsageError({
      message: known
        ? `--source ${name}: not available in this version of rollcall; available: ${sources.map((s) => s.name).join(', ')}`
        : `--source: unknown source "${name}"; use ${SOURCE_NAMES.join(' or ')}`,
    }),
  );
};
