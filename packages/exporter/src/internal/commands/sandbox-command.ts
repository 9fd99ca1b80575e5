/** `rollcall sandbox`. */
import * as Command from '@effect/cli/Command';
import * as Options from '@effect/cli/Options';
import * as Console from 'effect/Console';
import * as Effect from 'effect/Effect';
import { SandboxFailure } from '../../errors.js';
import { layerFromProcess, Reporter } from '../../reporter.js';
import { ShutdownSignal } from '../../shutdown.js';
import { inRange, integerOption, PORT, USERS } from '../integer-options.js';
import { reportFailures } from './reported.js';

const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

/**
 * `rollcall sandbox`: prints shell `export` lines for TransactionLink (base URL, an all-scopes
 * token) and GitBook (base URL, admin token, organization), serves until Ctrl-C.
 */
export const sandboxCommand = Command.make(
  'sandbox',
  {
    port: integerOption(PORT, 0, 'Port on 127.0.0.1; 0 picks a free one.'),
    users: integerOption(USERS, 250, 'Users to seed.'),
    seed: Options.text('seed').pipe(
      Options.withPseudoName('S'),
      Options.withDefault('rollcall'),
      Options.withDescription('Same seed, same data, byte for byte.'),
    ),
  },
  (input) =>
    reportFailures(
      Effect.scoped(
        Effect.gen(function* () {
          const reporter = yield* Reporter;
          const port = yield* inRange(PORT, input.port);
          const users = yield* inRange(USERS, input.users);
          const sandbox = yield* Effect.acquireRelease(
            Effect.tryPromise({
              // Loaded on demand: every other command starts faster without the sandbox's modules.
              try: () =>
                import('@rollcall/sandbox').then(({ startSandbox }) => startSandbox({ port, users, seed: input.seed })),
              catch: (error) =>
                new SandboxFailure({
                  message: `cannot start the sandbox: ${error instanceof Error ? error.message : String(error)}`,
                }),
            }),
            (started) => Effect.promise(() => started.close()),
          );
          yield* Console.log(`export TRANSACTIONLINK_BASE_URL=${quote(sandbox.url)}`);
          yield* Console.log(`export TRANSACTIONLINK_TOKEN=${quote(sandbox.token)}`);
          yield* Console.log(`export GITBOOK_BASE_URL=${quote(sandbox.gitbook.url)}`);
          yield* Console.log(`export GITBOOK_TOKEN=${quote(sandbox.gitbook.token)}`);
          yield* Console.log(`export GITBOOK_ORGANIZATION_ID=${quote(sandbox.gitbook.organizationId)}`);
          reporter.log(
            'info',
            'sandbox.ready',
            `sandbox serving ${users} users (seed "${input.seed}") at ${sandbox.url}, GitBook at ${sandbox.gitbook.url}; Ctrl-C stops it`,
            { url: sandbox.url, gitbookUrl: sandbox.gitbook.url, users, seed: input.seed },
          );
          const signal = yield* Effect.flatten(ShutdownSignal);
          reporter.log('info', 'sandbox.stop', `${signal}: sandbox stopped`, { signal });
        }),
      ),
    ).pipe(Effect.provide(layerFromProcess({ quiet: false }))),
).pipe(
  Command.withDescription(
    'Run the local TransactionLink and GitBook sandbox (seeded, offline) and print shell lines that point rollcall at it.',
  ),
);
