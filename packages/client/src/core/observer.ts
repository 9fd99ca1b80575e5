/**
 * Hooks that let a caller count requests and retries or show progress, without a tracer.
 *
 * @module
 */
import * as Effect from 'effect/Effect';
import type { Deviation } from './deviation.js';

/** An attempt about to be sent. `attempt` is 1 for the first try, 2 for the first retry, … */
export interface RequestEvent {
  readonly method: string;
  readonly path: string;
  readonly attempt: number;
}

/** An attempt that got an HTTP response, whatever its status. */
export interface ResponseEvent extends RequestEvent {
  readonly status: number;
  readonly durationMs: number;
}

/** Attempt `attempt` failed with `reason` and the next one starts after `delayMs`. */
export interface RetryEvent extends RequestEvent {
  readonly delayMs: number;
  readonly reason: string;
}

/**
 * Attempt `attempt` waits `delayMs` before it is sent, because an earlier response of the same
 * client said the server's rate-limit quota is spent until then (`X-RateLimit-Remaining: 0`).
 */
export interface RateLimitWaitEvent extends RequestEvent {
  readonly delayMs: number;
}

/** A 2xx body that differs from the spec, decoded tolerantly (`decode: 'tolerant'`). */
export interface DeviationEvent {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** Every difference, in body order. */
  readonly deviations: ReadonlyArray<Deviation>;
}

/**
 * Called synchronously around every attempt. An observer that throws is logged at warning level
 * and otherwise ignored: it never fails the call.
 */
export interface ClientObserver {
  onRequest?(event: RequestEvent): void;
  onResponse?(event: ResponseEvent): void;
  onRetry?(event: RetryEvent): void;
  /** Before an attempt held back until the server's rate-limit quota resets; not a retry. */
  onRateLimitWait?(event: RateLimitWaitEvent): void;
  /** After a tolerantly decoded body that differs from the spec (never in `strict` mode). */
  onDeviation?(event: DeviationEvent): void;
}

/**
 * Calls one hook of `observer`, if set, now; what it threw, if it threw. The call goes on
 * regardless: log the failure with {@link hookFailed}.
 */
export const callHook = <K extends keyof ClientObserver>(
  observer: ClientObserver | undefined,
  hook: K,
  event: Parameters<NonNullable<ClientObserver[K]>>[0],
): { readonly thrown: unknown } | undefined => {
  const fn = observer?.[hook] as ((event: unknown) => void) | undefined;
  if (!fn) return undefined;
  try {
    fn.call(observer, event);
    return undefined;
  } catch (thrown) {
    return { thrown };
  }
};

/** The warning for a hook that threw. */
export const hookFailed = (hook: keyof ClientObserver, thrown: unknown): Effect.Effect<void> =>
  Effect.logWarning(`ClientObserver.${hook} threw; ignored`, thrown);

/** Calls one hook of `observer`, if set, shielding the call from its failure. */
export const notify = <K extends keyof ClientObserver>(
  observer: ClientObserver | undefined,
  hook: K,
  event: Parameters<NonNullable<ClientObserver[K]>>[0],
): Effect.Effect<void> => {
  if (!observer?.[hook]) return Effect.void;
  return Effect.suspend(() => {
    const failure = callHook(observer, hook, event);
    return failure ? hookFailed(hook, failure.thrown) : Effect.void;
  });
};
