/**
 * The sources rollcall knows, by `--source` name.
 *
 * @module
 */
import * as Effect from 'effect/Effect';
import { UsageError } from '../errors.js';
import type { Source } from '../source.js';
import { gitBookSource } from './gitbook.js';
import { transactionLinkSource } from './transactionlink.js';

/** Every source this version can export. */
export const sources: ReadonlyArray<Source> = [transactionLinkSource, gitBookSource];

/** Names `--source` accepts. */
export const SOURCE_NAMES = ['transactionlink', 'gitbook'] as const;

/** The source named by `--source`, or a UsageError naming the flag. */
export const findSource = (name: string): Effect.Effect<Source, UsageError> => {
  const source = sources.find((candidate) => candidate.name === name);
  return source !== undefined
    ? Effect.succeed(source)
    : Effect.fail(new UsageError({ message: `--source: unknown source "${name}"; use ${SOURCE_NAMES.join(' or ')}` }));
};
