/**
 * The sandbox as an Effect service: `SandboxServer.layer(options)` starts it when the layer is
 * built and closes it when the scope ends (e.g. on interruption, Ctrl-C under `runMain`).
 */
import { Context, Effect, Layer, Schema } from 'effect';
import type { Sandbox } from './sandbox.js';
import { type SandboxOptions, SandboxOptionsError } from './sandbox-options.js';
import { startSandbox } from './start-sandbox.js';

/** The server could not start, e.g. the port is taken. */
export class SandboxStartError extends Schema.TaggedError<SandboxStartError>()('SandboxStartError', {
  message: Schema.String,
}) {}

export class SandboxServer extends Context.Tag('@rollcall/sandbox/SandboxServer')<SandboxServer, Sandbox>() {
  /** A running sandbox for the layer's lifetime. */
  static layer(options: SandboxOptions = {}): Layer.Layer<SandboxServer, SandboxOptionsError | SandboxStartError> {
    return Layer.scoped(
      SandboxServer,
      Effect.acquireRelease(
        Effect.tryPromise({
          try: () => startSandbox(options),
          catch: (cause) =>
            cause instanceof SandboxOptionsError
              ? cause
              : new SandboxStartError({ message: cause instanceof Error ? cause.message : String(cause) }),
        }),
        (sandbox) => Effect.promise(() => sandbox.close()),
      ),
    );
  }
}
