/**
 * One API call: attempts, retries with backoff or the wait the server asks for, per-attempt
 * timeout, overall deadline, the client's rate-limit pause, and the observer, log and span notes
 * for each of them.
 */
import type * as Clock from 'effect/Clock';
import * as Duration from 'effect/Duration';
import * as Effect from 'effect/Effect';
import * as Random from 'effect/Random';
import * as Ref from 'effect/Ref';
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
  clock: Clock.Clock,
): Effect.Effect<void> => {
  const pauseLeft = Effect.map(Ref.get(settings.pausedUntilMs), (pausedUntilMs) => {
    const now = clock.unsafeCurrentTimeMillis();
    return pauseBeforeAttempt(settings, pausedUntilMs, now, now - callStarted);
  });
  return Effect.flatMap(pauseLeft, (firstDelayMs) => {
    if (firstDelayMs === 0) return Effect.void;
    return Effect.gen(function* () {
      let delayMs = firstDelayMs;
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
  });
};

/** What one call keeps between its attempts. */
interface CallState {
  readonly request: ApiRequest;
  readonly settings: ClientSettings;
  readonly clock: Clock.Clock;
  readonly callStarted: number;
  /** Attempts started so far, for a deadline's Timeout. */
  attempts: number;
}

/**
 * Attempt `attempt` and, should it fail, what follows: the retry after its delay, or the call's
 * error. The path of a call that succeeds at once is kept to a few effects: it runs on every call.
 */
const attemptFrom = (state: CallState, attempt: number): Effect.Effect<ApiResponse, ApiError> => {
  const { request, settings, clock } = state;
  const { method, path } = request;
  state.attempts = attempt;
  const send = Effect.suspend(() => {
    const started = clock.unsafeCurrentTimeMillis();
    const responded = (status: number) =>
      notify(settings.observer, 'onResponse', {
        method,
        path,
        attempt,
        status,
        durationMs: clock.unsafeCurrentTimeMillis() - started,
      });
    return Effect.matchEffect(sendAttempt(request.send, settings, clock), {
      onSuccess: (success) => Effect.as(responded(success.status), { ...success, attempts: attempt }),
      onFailure: (failure) => {
        const status = statusOf(failure);
        const elapsedMs = clock.unsafeCurrentTimeMillis() - state.callStarted;
        return Effect.zipRight(
          status === undefined ? Effect.void : responded(status),
          Effect.flatMap(delayBeforeRetry(request, settings, failure, attempt, elapsedMs), (delayMs) =>
            delayMs === undefined
              ? Effect.fail(finalError(state, failure, attempt))
              : retryAfter(state, failure, attempt, delayMs),
          ),
        );
      },
    });
  });
  return Effect.zipRight(
    waitForQuota(request, settings, attempt, state.callStarted, clock),
    Effect.zipRight(notify(settings.observer, 'onRequest', { method, path, attempt }), send),
  );
};

const finalError = (state: CallState, failure: AttemptFailure, attempt: number): ApiError => {
  const { request, settings } = state;
  return toApiError(failure, {
    method: request.method,
    path: request.path,
    attempts: attempt,
    secrets: settings.secrets,
    protocol: settings.protocol,
  });
};

/** Notes the failed attempt (observer, span, debug log), waits `delayMs`, then makes the next attempt. */
const retryAfter = (
  state: CallState,
  failure: AttemptFailure,
  attempt: number,
  delayMs: number,
): Effect.Effect<ApiResponse, ApiError> =>
  Effect.gen(function* () {
    const { settings } = state;
    const { method, path } = state.request;
    const reason = scrub(failureReason(failure), settings.secrets);
    yield* notify(settings.observer, 'onRetry', { method, path, attempt, delayMs, reason });
    yield* Effect.annotateCurrentSpan({ 'http.request.resend_count': attempt, 'rollcall.retry.reason': reason });
    yield* Effect.logDebug(`${method} ${path}: attempt ${attempt} failed (${reason}), retrying in ${delayMs} ms`).pipe(
      Effect.annotateLogs({ method, path, attempt, delayMs, reason }),
    );
    yield* Effect.sleep(Duration.millis(delayMs));
    return yield* attemptFrom(state, attempt + 1);
  });

/** Sends `request` until it succeeds or a failure is final, per `settings`. */
export const execute = (request: ApiRequest, settings: ClientSettings): Effect.Effect<ApiResponse, ApiError> =>
  Effect.clockWith((clock) => {
    const state: CallState = { request, settings, clock, callStarted: clock.unsafeCurrentTimeMillis(), attempts: 0 };
    const attempts = attemptFrom(state, 1);
    const { deadlineMs } = settings;
    if (deadlineMs === undefined) return attempts;
    const { method, path } = request;
    return attempts.pipe(
      Effect.timeoutFail({
        duration: Duration.millis(deadlineMs),
        onTimeout: () =>
          new Timeout({ method, path, attempts: state.attempts, errors: [], scope: 'deadline', timeoutMs: deadlineMs }),
      }),
    );
  });
