/**
 * Runs the CLI program to an exit code. SIGINT/SIGTERM complete the `ShutdownSignal` (the
 * command stops cleanly); a second signal exits at once.
 */
import * as Effect from 'effect/Effect';
import * as Layer from 'effect/Layer';
import { ShutdownSignal } from '../shutdown.js';

/** Runs `program` and exits the process with the code it returns. */
export const runMain = <E>(program: Effect.Effect<number, E>): void => {
  let received: ((signal: string) => void) | undefined;
  const signalled = new Promise<string>((resolve) => {
    received = resolve;
  });
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals > 1) process.exit(130);
    received?.(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const shutdown = Layer.succeed(
    ShutdownSignal,
    Effect.promise(() => signalled),
  );
  Effect.runPromise(Effect.provide(program, shutdown)).then(
    (code) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.exitCode = code;
    },
    (defect: unknown) => {
      process.stderr.write(
        `rollcall: unexpected failure: ${defect instanceof Error ? (defect.stack ?? defect.message) : String(defect)}\n`,
      );
      process.exit(1);
    },
  );
};
