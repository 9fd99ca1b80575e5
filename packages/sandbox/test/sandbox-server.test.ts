import { Effect, Exit } from 'effect';
import { describe, expect, it } from 'vitest';
import { SandboxServer, SandboxStartError } from '../src/index.js';

describe('SandboxServer layer', () => {
  it('serves while the layer is in use and closes when its scope ends', async () => {
    const url = await Effect.runPromise(
      Effect.gen(function* () {
        const sandbox = yield* SandboxServer;
        const response = yield* Effect.promise(() => fetch(`${sandbox.url}/_sandbox/health`));
        expect(response.status).toBe(200);
        return sandbox.url;
      }).pipe(Effect.provide(SandboxServer.layer({ users: 5 }))),
    );
    await expect(fetch(`${url}/_sandbox/health`)).rejects.toThrow();
  });

  it('fails with SandboxStartError when the port is taken', async () => {
    const exit = await Effect.runPromiseExit(
      Effect.gen(function* () {
        const first = yield* SandboxServer;
        const port = Number(new URL(first.url).port);
        return yield* Effect.provide(SandboxServer, SandboxServer.layer({ users: 1, port }));
      }).pipe(Effect.provide(SandboxServer.layer({ users: 1 }))),
    );
    expect(Exit.isFailure(exit) && exit.cause._tag === 'Fail' && exit.cause.error).toBeInstanceOf(SandboxStartError);
  });
});
