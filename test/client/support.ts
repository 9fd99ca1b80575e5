/** Shared setup of the client's integration tests: a real sandbox over HTTP on 127.0.0.1. */
import {
  type GitBookConfigInput,
  GitBookInvites,
  type GitBookInvitesService,
  TransactionLink,
  type TransactionLinkConfigInput,
  type TransactionLinkService,
} from '@rollcall/client';
import type { FaultConfig, FaultRule, Sandbox } from '@rollcall/sandbox';
import { Effect, Either } from 'effect';

/** Retries without the production waits, so a test with retries stays fast. */
export const quickRetry = { baseDelay: '1 millis', maxDelay: '5 millis' } as const;

/** A client for `sandbox` with quick retries, `overrides` applied. */
export const clientFor = (
  sandbox: Sandbox,
  overrides: Partial<TransactionLinkConfigInput> = {},
): TransactionLinkService =>
  Effect.runSync(
    TransactionLink.make({
      token: sandbox.token,
      baseUrl: sandbox.url,
      ...overrides,
      retry: { ...quickRetry, ...overrides.retry },
    }),
  );

/** The GitBook service for `sandbox`'s organization, with quick retries, `overrides` applied. */
export const gitBookClientFor = (
  sandbox: Sandbox,
  overrides: Partial<GitBookConfigInput> = {},
): GitBookInvitesService =>
  Effect.runSync(
    GitBookInvites.make({
      token: sandbox.gitbook.token,
      organizationId: sandbox.gitbook.organizationId,
      baseUrl: sandbox.gitbook.url,
      ...overrides,
      retry: { ...quickRetry, ...overrides.retry },
    }),
  );

/** Runs `effect`, expecting it to fail; the error. */
export const failureOf = async <A, E>(effect: Effect.Effect<A, E>): Promise<E> => {
  const result = await Effect.runPromise(Effect.either(effect));
  if (Either.isRight(result)) throw new Error(`expected a failure, got ${JSON.stringify(result.right).slice(0, 200)}`);
  return result.left;
};

/** Replaces the sandbox's faults with just these rules (and clears its request log). */
export const faults = async (sandbox: Sandbox, rules: ReadonlyArray<FaultRule>, extra: FaultConfig = {}) => {
  await sandbox.control.setFaults({ ...extra, rules });
  await sandbox.control.clearRequests();
};

/** The API requests the sandbox saw since the last `faults`, as `METHOD path [fault]`. */
export const seen = async (sandbox: Sandbox): Promise<string[]> =>
  (await sandbox.control.requests()).map(
    ({ method, path, status, fault }) => `${method} ${path} ${status}${fault ? ` ${fault}` : ''}`,
  );

/** The path the sandbox logs and matches fault rules on for a GitBook API path: `/v1/orgs/…`. */
export const gitBookPath = (sandbox: Sandbox, path: string): string =>
  `${new URL(sandbox.gitbook.url).pathname}${path}`;
