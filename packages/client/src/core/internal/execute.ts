/**
 * One API call: attempts, retries with backoff or the wait the server asks for, per-attempt
 * timeout, overall deadline, the client's rate-limit pause, and the observer, log and span notes
 * for each of them.
 */
import { Clock, Duration, Effect, Either, Random, Ref } from 'effect';
import type { ClientSettings } from '../client-settings.js';
import { type ApiError, Timeout } from '../errors.js';
import { notify } from '../observer.js';
import { backoffDelay } from '../retry-policy.js';
import { type AttemptFailure, failureReason, isRetryable, toApiError } from './attempt-failure.js';
import { scrub } from './scrub.js';
import { type AttemptSuccess, type Send, sendAttempt } from './transport.js';

/** A request as the core sees it: where it goes (for errors and hooks) and how to send it. */
export interface ApiRequest {
  readonly method: string;
  /** Path without base URL or query, as reported in errors and observer events. */
  readonly path: string;
  readonly send: Send;
}

/** The 2xx response of a call and the attempts it took. */
export interface ApiResponse extends AttemptSuccess {
  readonly attempts: number;
}

/** The status of the response a failed attempt got, if it got one. */
const statusOf = (failure: AttemptFailure): number | undefined =>
  failure._tag === 'AttemptTimeout' ? undefined : failure.status;

/**
 * The wait before the attempt after `attempt`, or `undefined` to give up: when the retries are
 * spent, the failure is not retryable for the method, `Retry-After` exceeds `maxRetryAfter`, or
 * the wait would run past the deadline.
 */
const delayBeforeRetry = (
  request: ApiRequest,
  settings: ClientSettings,
  failure: AttemptFailure,
  attempt: number,
  elapsedMs: number,
): Effect.Effect<number | undefined> =>
  Effect.gen(function* () {
    if (attempt > settings.retry.retries || !isRetryable(request.method, failure)) return undefined;
    const retryAfterMs = failure._tag === 'Status' ? failure.retryAfterMs : undefined;
    if (retryAfterMs !== undefined && retryAfterMs > settings.retry.maxRetryAfterMs) return undefined;
    const delayMs = retryAfterMs ?? backoffDelay(settings.retry, attempt, yield* Random.next);
    if (settings.deadlineMs !== undefined && elapsedMs + delayMs >= settings.deadlineMs) return undefined;
    return delayMs;
  });

/**
 * How long to hold the next attempt back while the client is paused until `pausedUntilMs` (an
 * earlier response said the quota is spent until then); 0 to send at once. A pause longer than
 * `maxRetryAfter`, or ending past the deadline, is not waited for: the request goes out and the
 * server's answer decides (a 429 then fails the call at once, as any wait longer than the policy
 * allows does).
 */
export const pauseBeforeAttempt = (
  settings: Pick<ClientSettings, 'retry' | 'deadlineMs'>,
  pausedUntilMs: number,
  nowMs: number,
  elapsedMs: number,
): number => {
  const delayMs = pausedUntilMs - nowMs;
  if (delayMs <= 0 || delayMs > settings.retry.maxRetryAfterMs) return 0;
  if (settings.deadlineMs !== undefined && elapsedMs + delayMs >= settings.deadlineMs) return 0;
  return delayMs;
};

/**
 * Waits out the client's rate-limit pause before attempt `attempt` (see pauseBeforeAttempt),
 * checking the clock again after sleeping, so the attempt never goes out before the pause ends.
 */
const waitForQuota = (
  request: ApiRequest,
  settings: ClientSettings,
  attempt: number,
  callStarted: number,
): Effect.Effect<void> =>
  Effect.gen(function* () {
    const pauseLeft = Effect.gen(function* () {
      const now = yield* Clock.currentTimeMillis;
      return pauseBeforeAttempt(settings, yield* Ref.get(settings.pausedUntilMs), now, now - callStarted);
    });
    let delayMs = yield* pauseLeft;
    if (delayMs === 0) return;
    const { method, path } = request;
    yield* notify(settings.observer, 'onRateLimitWait', { method, path, attempt, delayMs });
    yield* Effect.annotateCurrentSpan({ 'rollcall.rate_limit.wait_ms': delayMs });
    yield* Effect.logDebug(`${method} ${path}: rate limit quota spent, waiting ${delayMs} ms for it to reset`).pipe(
      Effect.annotateLogs({ method, path, attempt, delayMs }),
    );
    while (delayMs > 0) {
      yield* Effect.sleep(Duration.millis(delayMs));
      delayMs = yield* pauseLeft;
    }
  });

/** Sends `request` until it succeeds or a failure is final, per `settings`. */
export const execute = (request: ApiRequest, settings: ClientSettings): Effect.Effect<ApiResponse, ApiError> =>
  Effect.suspend(() => {
    const { method, path } = request;
    let attempts = 0;

    const attemptAll = Effect.gen(function* () {
      const callStarted = yield* Clock.currentTimeMillis;
      for (;;) {
        const attempt = ++attempts;
        yield* waitForQuota(request, settings, attempt, callStarted);
        yield* notify(settings.observer, 'onRequest', { method, path, attempt });
        const started = yield* Clock.currentTimeMillis;
        const outcome = yield* Effect.either(sendAttempt(request.send, settings));
        const finished = yield* Clock.currentTimeMillis;
        const status = Either.isRight(outcome) ? outcome.right.status : statusOf(outcome.left);
        if (status !== undefined) {
          yield* notify(settings.observer, 'onResponse', {
            method,
            path,
            attempt,
            status,
            durationMs: finished - started,
          });
        }
        if (Either.isRight(outcome)) return { ...outcome.right, attempts: attempt };

        const failure = outcome.left;
        const delayMs = yield* delayBeforeRetry(request, settings, failure, attempt, finished - callStarted);
        if (delayMs === undefined) {
          return yield* Effect.fail(
            toApiError(failure, {
              method,
              path,
              attempts: attempt,
              secrets: settings.secrets,
              protocol: settings.protocol,
            }),
          );
        }
        const reason = scrub(failureReason(failure), settings.secrets);
        yield* notify(settings.observer, 'onRetry', { method, path, attempt, delayMs, reason });
        yield* Effect.annotateCurrentSpan({ 'http.request.resend_count': attempt, 'rollcall.retry.reason': reason });
        yield* Effect.logDebug(
          `${method} ${path}: attempt ${attempt} failed (${reason}), retrying in ${delayMs} ms`,
        ).pipe(Effect.annotateLogs({ method, path, attempt, delayMs, reason }));
        yield* Effect.sleep(Duration.millis(delayMs));
      }
    });

    const { deadlineMs } = settings;
    if (deadlineMs === undefined) return attemptAll;
    return attemptAll.pipe(
      Effect.timeoutFail({
        duration: Duration.millis(deadlineMs),
        onTimeout: () => new Timeout({ method, path, attempts, errors: [], scope: 'deadline', timeoutMs: deadlineMs }),
      }),
    );
  });
