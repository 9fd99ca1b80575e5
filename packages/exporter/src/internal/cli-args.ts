/**
 * Checks of flag values, each failing with a UsageError that names the flag, and the refusal of
 * `--token`: a token on the command line ends up in shell history and process lists.
 */
import * as Effect from 'effect/Effect';
import { UsageError } from '../errors.js';
import { FORMATS, type Format, isFormat } from '../format.js';

/** An integer flag value within bounds. */
export const integerFlag = (
  flag: string,
  text: string,
  min: number,
  max: number,
): Effect.Effect<number, UsageError> => {
  const value = Number(text);
  return /^\d+$/.test(text.trim()) && value >= min && value <= max
    ? Effect.succeed(value)
    : Effect.fail(new UsageError({ message: `${flag}: expected a whole number from ${min} to ${max}, got "${text}"` }));
};

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m)$/;
const MILLIS_PER_UNIT: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000 };

/**
 * A duration flag value, `500ms`, `30s`, `1.5s` or `2m`, in milliseconds: a whole number of them,
 * at least `minMs`, at most `maxMs`; anything else fails naming the flag.
 */
export const durationFlag = (
  flag: string,
  text: string,
  minMs: number,
  maxMs: number,
): Effect.Effect<number, UsageError> => {
  const match = DURATION.exec(text.trim());
  const ms = match === null ? Number.NaN : Number(match[1]) * MILLIS_PER_UNIT[match[2]!]!;
  return Number.isInteger(ms) && ms >= minMs && ms <= maxMs
    ? Effect.succeed(ms)
    : Effect.fail(
        new UsageError({
          message: `${flag}: expected a duration from ${minMs} ms to ${maxMs / 60_000} minutes such as 500ms, 30s or 2m, got "${text}"`,
        }),
      );
};

/** `csv,json` → `['csv', 'json']`; unknown or empty lists fail naming `--format`. */
export const formatsFlag = (text: string): Effect.Effect<ReadonlyArray<Format>, UsageError> => {
  const names = text
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !isFormat(name));
  if (names.length === 0 || unknown.length > 0) {
    const what =
      names.length === 0 ? 'no format given' : `unknown format ${unknown.map((name) => `"${name}"`).join(', ')}`;
    return Effect.fail(new UsageError({ message: `--format: ${what}; use ${FORMATS.join(', ')} (comma-separated)` }));
  }
  return Effect.succeed([...new Set(names as Array<Format>)]);
};

/** The first argument that passes a token on the command line (`--token`, `--token=…`), if any. */
export const tokenArgument = (argv: ReadonlyArray<string>): string | undefined => {
  for (const argument of argv) {
    if (argument === '--') return undefined;
    if (argument === '--token' || argument.startsWith('--token=')) return '--token';
  }
  return undefined;
};

/** The refusal of `--token`; never repeats the value. */
export const tokenFlagRefused = (): UsageError =>
  new UsageError({
    message:
      '--token is not accepted: a token on the command line leaks into shell history and process lists; set TRANSACTIONLINK_TOKEN (GITBOOK_TOKEN for --source gitbook) or use --token-file PATH',
  });
