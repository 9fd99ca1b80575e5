/**
 * The CLI's integer flags: declared with `Options.integer` (so help says "An integer"), each with
 * its range, checked in the command (exit 2, the flag named). A value that is not a whole number
 * at all is caught before @effect/cli parses the line: its own message (`'abc' is not a integer`)
 * does not say which flag was wrong.
 */
import * as Options from '@effect/cli/Options';
import * as Effect from 'effect/Effect';
import type { UsageError } from '../errors.js';
import { integerFlag } from './cli-args.js';

/** An integer flag of a subcommand and the values it accepts. */
export interface IntegerFlag {
  /** Without the dashes, e.g. `page-size`. */
  readonly name: string;
  readonly min: number;
  readonly max: number;
}

export const PAGE_SIZE: IntegerFlag = { name: 'page-size', min: 1, max: 1000 };
export const CONCURRENCY: IntegerFlag = { name: 'concurrency', min: 1, max: 64 };
export const PORT: IntegerFlag = { name: 'port', min: 0, max: 65535 };
export const USERS: IntegerFlag = { name: 'users', min: 0, max: 1_000_000 };
export const IDLE_DAYS: IntegerFlag = { name: 'idle-days', min: 1, max: 36_500 };
export const PENDING_DAYS: IntegerFlag = { name: 'pending-days', min: 1, max: 36_500 };

/** The integer flags of each subcommand. */
const BY_COMMAND: Readonly<Record<string, ReadonlyArray<IntegerFlag>>> = {
  export: [PAGE_SIZE, CONCURRENCY],
  sandbox: [PORT, USERS],
  review: [IDLE_DAYS, PENDING_DAYS],
};

/** `flag` as an option with a default; the help gives its range. */
export const integerOption = (flag: IntegerFlag, fallback: number, description: string): Options.Options<number> =>
  Options.integer(flag.name).pipe(
    Options.withPseudoName('N'),
    Options.withDefault(fallback),
    Options.withDescription(`${description} From ${flag.min} to ${flag.max}; default ${fallback}.`),
  );

/** The parsed value of `flag` if within its range, else a UsageError naming it. */
export const inRange = (flag: IntegerFlag, value: number): Effect.Effect<number, UsageError> =>
  integerFlag(`--${flag.name}`, String(value), flag.min, flag.max);

/**
 * The problem with the first integer flag in `argv` (`--page-size abc`, `--port=-1`) that is not
 * a whole number in range for the subcommand `argv` runs, if any. Nothing after `--` is a flag.
 */
export const integerFlagProblem = (argv: ReadonlyArray<string>): UsageError | undefined => {
  const flags = BY_COMMAND[argv[0] ?? ''] ?? [];
  for (let index = 1; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument === '--') return undefined;
    for (const flag of flags) {
      const option = `--${flag.name}`;
      const text =
        argument === option
          ? argv[index + 1]
          : argument.startsWith(`${option}=`)
            ? argument.slice(option.length + 1)
            : undefined;
      if (text === undefined) continue;
      const checked = Effect.runSync(Effect.either(integerFlag(option, text, flag.min, flag.max)));
      if (checked._tag === 'Left') return checked.left;
    }
  }
  return undefined;
};
