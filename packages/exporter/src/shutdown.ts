/**
 * SIGINT and SIGTERM as an Effect: the CLI's runner completes {@link ShutdownSignal} when one
 * arrives, and each command decides what that means (an export stops and removes its temporary
 * folder; `rollcall sandbox` closes the server and exits 0). Outside the CLI it never completes.
 *
 * @module
 */
import * as Context from 'effect/Context';
import * as Effect from 'effect/Effect';
import { Interrupted } from './errors.js';

/** Completes with the signal's name (`SIGINT`, `SIGTERM`) when the process is asked to stop. */
export class ShutdownSignal extends Context.Reference<ShutdownSignal>()('@rollcall/exporter/ShutdownSignal', {
  defaultValue: (): Effect.Effect<string> => Effect.never,
}) {}

/**
 * Runs `effect` until it ends or a shutdown signal arrives; then it is interrupted (its
 * finalizers run, so nothing half-written is left) and the result is an `Interrupted` error.
 */
export const stopOnSignal = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | Interrupted, R> =>
  Effect.flatMap(ShutdownSignal, (signal) =>
    Effect.raceFirst(
      effect,
      Effect.flatMap(signal, (name) => Effect.fail(new Interrupted({ signal: name }))),
    ),
  );
