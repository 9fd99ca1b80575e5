/**
 * `@rollcall/client/promise`: the TransactionLink and GitBook clients for code that does not use
 * Effect. Same resources and methods as the Effect services; calls return Promises, `pages()` and
 * `stream()` return AsyncIterables, and failures reject with the same error classes, so
 * `instanceof` works:
 *
 * ```ts
 * const tl = createTransactionLink({ token: process.env.TRANSACTIONLINK_TOKEN! });
 * for await (const user of tl.users.stream()) console.log(user.email);
 * try { await tl.users.get(id) } catch (e) { if (e instanceof NotFound) … }
 *
 * const gitbook = createGitBookInvites({ token: process.env.GITBOOK_TOKEN!, organizationId });
 * for await (const member of gitbook.members.stream()) console.log(member.user.email, member.role);
 * ```
 *
 * Runs on Node 20+, Deno 2 and Bun 1.
 *
 * @module
 */
import { Cause, Effect, Either, Exit, Stream } from 'effect';
import type { CallOptions } from './core/call-options.js';
import type { ConfigError } from './core/errors.js';
import { type GitBookConfigInput, makeGitBookConfig } from './gitbook/config.js';
import { type GitBookInvitesService, makeGitBookInvitesService } from './gitbook/service.js';
import { makeTransactionLinkConfig, type TransactionLinkConfigInput } from './transactionlink/config.js';
import { makeTransactionLinkService, type TransactionLinkService } from './transactionlink/service.js';

export * from './index.js';

/** Per-call options of the Promise client: those of the Effect client, and an AbortSignal. */
export interface PromiseCallOptions extends CallOptions {
  /** Aborts the call (and its in-flight request); the Promise rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
}

type PromiseArgs<Args extends ReadonlyArray<unknown>> = {
  [K in keyof Args]: [NonNullable<Args[K]>] extends [CallOptions]
    ? [CallOptions] extends [NonNullable<Args[K]>]
      ? PromiseCallOptions | undefined
      : Args[K]
    : Args[K];
};

/** An Effect method as a Promise method, a Stream method as an AsyncIterable one. */
export type PromiseMethod<F> = F extends (...args: infer Args) => infer Result
  ? Result extends Effect.Effect<infer A, infer _E, never>
    ? (...args: PromiseArgs<Args>) => Promise<A>
    : Result extends Stream.Stream<infer A, infer _E, never>
      ? (...args: PromiseArgs<Args>) => AsyncIterable<A>
      : never
  : never;

/** A resource of the Effect service with every method promised. */
export type PromiseResource<R> = { readonly [K in keyof R]: PromiseMethod<R[K]> };

/** The TransactionLink client with Promises and AsyncIterables. */
export interface TransactionLinkClient {
  readonly users: PromiseResource<TransactionLinkService['users']>;
  readonly roles: PromiseResource<TransactionLinkService['roles']>;
  readonly workspaces: PromiseResource<TransactionLinkService['workspaces']>;
  readonly enrollments: PromiseResource<TransactionLinkService['enrollments']>;
  /** The validated configuration: base URL, settings, and the token as a `Redacted`. */
  readonly config: TransactionLinkService['config'];
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

const signalOf = (args: ReadonlyArray<unknown>): AbortSignal | undefined => {
  for (const arg of args) {
    if (isPlainObject(arg) && arg.signal instanceof AbortSignal) return arg.signal;
  }
  return undefined;
};

/**
 * Runs `effect` in a fiber of its own. Rejects with the error itself (never Effect's
 * FiberFailure), or with `signal.reason` when the signal aborted it.
 */
const toPromise = <A>(effect: Effect.Effect<A, unknown>, signal: AbortSignal | undefined): Promise<A> =>
  new Promise<A>((resolve, reject) => {
    const fiber = Effect.runFork(effect);
    const abort = () => fiber.unsafeInterruptAsFork(fiber.id());
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort, { once: true });
    fiber.addObserver((exit) => {
      signal?.removeEventListener('abort', abort);
      if (Exit.isSuccess(exit)) resolve(exit.value);
      else if (signal?.aborted && Cause.isInterruptedOnly(exit.cause)) reject(signal.reason);
      else reject(Cause.squash(exit.cause));
    });
  });

const abortedBy = (signal: AbortSignal): Effect.Effect<never, unknown> =>
  Effect.async((resume) => {
    const onAbort = () => resume(Effect.fail(signal.reason));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    return Effect.sync(() => signal.removeEventListener('abort', onAbort));
  });

/** Iterating fails with the error itself; stopping the loop early interrupts the stream. */
const toAsyncIterable = <A>(stream: Stream.Stream<A, unknown>, signal: AbortSignal | undefined): AsyncIterable<A> =>
  Stream.toAsyncIterable(signal ? Stream.interruptWhen(stream, abortedBy(signal)) : stream);

const promiseResource = <R extends object>(resource: R): PromiseResource<R> =>
  Object.fromEntries(
    Object.entries(resource).map(([name, method]) => [
      name,
      (...args: ReadonlyArray<unknown>) => {
        const result: unknown = (method as (...args: ReadonlyArray<unknown>) => unknown)(...args);
        const signal = signalOf(args);
        return Effect.isEffect(result)
          ? toPromise(result as Effect.Effect<unknown, unknown>, signal)
          : toAsyncIterable(result as Stream.Stream<unknown, unknown>, signal);
      },
    ]),
  ) as PromiseResource<R>;

/** The configuration `validate` accepts, or the ConfigError itself thrown. */
const validatedOrThrow = <C>(validate: Effect.Effect<C, ConfigError>): C => {
  const validated = Effect.runSync(Effect.either(validate));
  if (Either.isLeft(validated)) throw validated.left;
  return validated.right;
};

/**
 * A TransactionLink client for Promise code. The configuration is validated at once: an
 * unusable token or base URL throws a {@link ConfigError} naming the setting (never the token).
 */
export const createTransactionLink = (config: TransactionLinkConfigInput): TransactionLinkClient => {
  const service = makeTransactionLinkService(validatedOrThrow(makeTransactionLinkConfig(config)));
  return {
    users: promiseResource(service.users),
    roles: promiseResource(service.roles),
    workspaces: promiseResource(service.workspaces),
    enrollments: promiseResource(service.enrollments),
    config: service.config,
  };
};

/** The GitBook client with Promises and AsyncIterables. */
export interface GitBookInvitesClient {
  readonly invites: PromiseResource<GitBookInvitesService['invites']>;
  readonly inviteLinks: PromiseResource<GitBookInvitesService['inviteLinks']>;
  readonly members: PromiseResource<GitBookInvitesService['members']>;
  /** The validated configuration: base URL, organization, settings, and the token as a `Redacted`. */
  readonly config: GitBookInvitesService['config'];
}

/**
 * A GitBook client for Promise code. The configuration is validated at once: an unusable token,
 * organization id or base URL throws a {@link ConfigError} naming the setting (never the token).
 */
export const createGitBookInvites = (config: GitBookConfigInput): GitBookInvitesClient => {
  const service = makeGitBookInvitesService(validatedOrThrow(makeGitBookConfig(config)));
  return {
    invites: promiseResource(service.invites),
    inviteLinks: promiseResource(service.inviteLinks),
    members: promiseResource(service.members),
    config: service.config,
  };
};
