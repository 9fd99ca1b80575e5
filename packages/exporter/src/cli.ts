/**
 * The `rollcall` command line: `export`, `verify`, `diff`, `review`, `sandbox`, `keygen`, each with `--help`.
 * Results go to stdout, progress and logs to stderr. Exit codes: 0 ok, 1 failed (API, network,
 * verify mismatch), 2 usage or configuration, 130 stopped by a signal.
 *
 * @module
 */
import type * as CliApp from '@effect/cli/CliApp';
import * as Command from '@effect/cli/Command';
import * as Descriptor from '@effect/cli/CommandDescriptor';
import * as ValidationError from '@effect/cli/ValidationError';
import * as Console from 'effect/Console';
import * as Effect from 'effect/Effect';
import * as Logger from 'effect/Logger';
import { tokenArgument, tokenFlagRefused } from './internal/cli-args.js';
import { diffCommand } from './internal/commands/diff-command.js';
import { exportCommand } from './internal/commands/export-command.js';
import { keygenCommand } from './internal/commands/keygen-command.js';
import { Reported } from './internal/commands/reported.js';
import { reviewCommand } from './internal/commands/review-command.js';
import { sandboxCommand } from './internal/commands/sandbox-command.js';
import { verifyCommand } from './internal/commands/verify-command.js';
import { examplesFor } from './internal/help-examples.js';
import { integerFlagProblem } from './internal/integer-options.js';
import { tool } from './internal/package-info.js';
import { makeReporter } from './reporter.js';

const subcommands = [exportCommand, verifyCommand, diffCommand, reviewCommand, sandboxCommand, keygenCommand] as const;
const SUBCOMMAND_NAMES = new Set<string>(
  subcommands.flatMap(({ descriptor }) => [...Descriptor.getNames(descriptor as Descriptor.Command<unknown>)]),
);

const root = Command.make('rollcall').pipe(
  Command.withDescription(
    'Audit snapshots of who has access to what (TransactionLink, GitBook), with hashed manifests, verify, diff and access review.',
  ),
  Command.withSubcommands(subcommands),
);

/** The subcommand `argv` runs, or `rollcall` for none. */
const subcommandOf = (argv: ReadonlyArray<string>): string => {
  const first = argv[0];
  return first !== undefined && SUBCOMMAND_NAMES.has(first) ? first : 'rollcall';
};

const asksForHelp = (argv: ReadonlyArray<string>): boolean => {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((argument) => argument === '--help' || argument === '-h');
};

/**
 * `rollcall <sub> … --help` as `rollcall --help <sub> … --help`: @effect/cli names the parent
 * in a subcommand's usage line (`$ rollcall export …`) only when the parent is asked for help too.
 */
const withParentHelp = (argv: ReadonlyArray<string>): ReadonlyArray<string> =>
  subcommandOf(argv) !== 'rollcall' && asksForHelp(argv) ? ['--help', ...argv] : argv;

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** @effect/cli's help and errors with colours only when the stream is a terminal. */
const plainConsole = Effect.map(Console.consoleWith(Effect.succeed), (console): Console.Console => {
  const plain = (stream: NodeJS.WriteStream, args: ReadonlyArray<unknown>) =>
    stream.isTTY === true ? args : args.map((arg) => (typeof arg === 'string' ? arg.replace(ANSI, '') : arg));
  return {
    ...console,
    log: (...args) => console.log(...plain(process.stdout, args)),
    error: (...args) => console.error(...plain(process.stderr, args)),
  };
});

/** Effect's own log lines (rare: a client observer that throws) go to stderr, never stdout. */
const stderrLogger = Logger.replace(
  Logger.defaultLogger,
  Logger.withConsoleError(process.stderr.isTTY === true ? Logger.logfmtLogger : Logger.jsonLogger),
);

/**
 * Runs the command line `argv` (without `node` and the script) and returns the exit code.
 * Needs a platform's FileSystem, Path and Terminal (`NodeContext.layer`, `BunContext.layer`).
 */
export const run = (argv: ReadonlyArray<string>): Effect.Effect<number, never, CliApp.CliApp.Environment> =>
  Effect.suspend(() => {
    if (tokenArgument(argv) !== undefined) {
      const reporter = makeReporter({ mode: process.stderr.isTTY === true ? 'tty' : 'json', quiet: false });
      reporter.log('error', 'error', tokenFlagRefused().message, { error: 'UsageError', exitCode: 2 });
      return Effect.succeed(2);
    }
    const integerProblem = asksForHelp(argv) ? undefined : integerFlagProblem(argv);
    if (integerProblem !== undefined) {
      const reporter = makeReporter({ mode: process.stderr.isTTY === true ? 'tty' : 'json', quiet: false });
      reporter.log('error', 'error', integerProblem.message, { error: 'UsageError', exitCode: 2 });
      return Effect.succeed(2);
    }
    const cli = Command.run(root, { name: 'rollcall', version: tool.version, footer: examplesFor(subcommandOf(argv)) });
    return cli(['node', 'rollcall', ...withParentHelp(argv)]).pipe(
      Effect.as(0),
      Effect.catchAll((error) => {
        if (error instanceof Reported) return Effect.succeed(error.exitCode);
        // @effect/cli has printed the problem (unknown flag, missing argument) on stderr already.
        if (ValidationError.isValidationError(error)) return Effect.succeed(2);
        return Effect.succeed(1);
      }),
      Effect.provide(stderrLogger),
      (effect) => Effect.flatMap(plainConsole, (console) => Effect.withConsole(effect, console)),
    );
  });
