/**
 * Every command reports its own failure through its reporter (so a TTY status line is cleared
 * first and JSON mode stays JSON), then fails with `Reported`, which only carries the exit code.
 */
import * as Data from 'effect/Data';
import * as Effect from 'effect/Effect';
import { exitCodeFor } from '../../errors.js';
import { Reporter } from '../../reporter.js';

/** A failure already told to the operator; the CLI exits with `exitCode`. */
export class Reported extends Data.TaggedError('Reported')<{ readonly exitCode: number }> {}

const messageOf = (error: unknown): string =>
  error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)
    ? String((error as { message: unknown }).message)
    : String(error);

/** Logs the command's failure as an error and turns it into `Reported`; clears the status line either way. */
export const reportFailures = <A, E, R>(command: Effect.Effect<A, E, R>): Effect.Effect<A, Reported, R | Reporter> =>
  Effect.flatMap(Reporter, (reporter) =>
    command.pipe(
      Effect.catchAll((error) => {
        const tag = typeof error === 'object' && error !== null && '_tag' in error ? String(error._tag) : 'Error';
        const exitCode = exitCodeFor(error);
        reporter.log('error', 'error', messageOf(error), { error: tag, exitCode });
        return Effect.fail(new Reported({ exitCode }));
      }),
      Effect.ensuring(Effect.sync(() => reporter.close())),
    ),
  );
