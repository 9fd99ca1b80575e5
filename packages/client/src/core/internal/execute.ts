/**
 * One API call: attempts, retries with backoff or the wait the server asks for, per-attempt
 * timeout, overall deadline, the client's rate-limit pause, and the observer, log and span notes
 * for each of them.
 */
import type * as Clock from 'effect/Clock';
import * as Duration from 'effect/Duration';
import * as Effect from 'effect/Effect';
import * as Either from 'effect/Either';
import * as Random from 'effect/Random';
import type { ClientSettings } from '../client-settings.js';
import { type ApiError, Timeout } from '../errors.js';
import { type ClientObserver, callHook, hookFailed, notify } from '../observer.js';
import { backoffDelay } from '../retry-policy.js';
import { type AttemptFailure, failureReason, isRetryable, toApiError } from './attempt-failure.js';
import { scrub } from './scrub.js';
import { type AttemptSuccess, type BodyReading, type Send, startAttempt } from './transport.js';

/** A request as the core sees it: where it goes (for errors and hooks) and how to send it. */
export interface ApiRequest {
  readonly method: string;
  /** Path without base URL or query, as reported in errors and observer events. */
  readonly path: string;
  readonly send: Send;
  /** How a 2xx body is read (default `text`); a `stream` body is the caller's to read or cancel. */
  readonly reading?: BodyReading;
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

/** What a call makes of its 2xx response (its decoded body, say), or the error it is instead. */
export type Finish<B> = (response: ApiResponse) => Either.Either<B, ApiError>;

/** What one call keeps between its attempts. */
interface CallState<B> {
  readonly request: ApiRequest;
  readonly settings: ClientSettings;
  readonly clock: Clock.Clock;
  readonly callStarted: number;
  readonly finish: Finish<B>;
  /** Attempts started so far, for a deadline's Timeout. */
  attempts: number;
}

/**
 * Waits `firstDelayMs`, and then as long as the client's rate-limit pause still holds attempt
 * `attempt` back (see pauseBeforeAttempt): the clock is read again after each sleep, so the
 * attempt never goes out before the pause ends.
 */
const waitForQuota = <B>(state: CallState<B>, attempt: number, firstDelayMs: number): Effect.Effect<void> =>
  Effect.gen(function* () {
    const { settings, clock, callStarted } = state;
    const { method, path } = state.request;
    let delayMs = firstDelayMs;
    yield* notify(settings.observer, 'onRateLimitWait', { method, path, attempt, delayMs });
    yield* Effect.annotateCurrentSpan({ 'rollcall.rate_limit.wait_ms': delayMs });
    yield* Effect.logDebug(`${method} ${path}: rate limit quota spent, waiting ${delayMs} ms for it to reset`).pipe(
      Effect.annotateLogs({ method, path, attempt, delayMs }),
    );
    while (delayMs > 0) {
      yield* Effect.sleep(Duration.millis(delayMs));
      const now = clock.unsafeCurrentTimeMillis();
      delayMs = pauseBeforeAttempt(settings, settings.pause.untilMs, now, now - callStarted);
    }
  });

/** Attempt `attempt`, after the client's rate-limit pause if there is one, and what follows it. */
const attemptFrom = <B>(state: CallState<B>, attempt: number): Effect.Effect<B, ApiError> => {
  const { settings, clock } = state;
  const now = clock.unsafeCurrentTimeMillis();
  const pauseMs = pauseBeforeAttempt(settings, settings.pause.untilMs, now, now - state.callStarted);
  if (pauseMs === 0) return send(state, attempt);
  return Effect.zipRight(
    waitForQuota(state, attempt, pauseMs),
    Effect.suspend(() => send(state, attempt)),
  );
};

/**
 * Sends attempt `attempt` and resumes once: with the response, or with what follows a failure
 * (the retry after its delay, or the call's error). The observer's hooks are called from the
 * attempt's own callbacks, so a call that succeeds at once suspends its fiber once and builds no
 * other effect: this runs on every call.
 *
 * The request is aborted when the fiber ends while it is in flight (interrupted, say by a
 * deadline, a race or a stream that stopped early), through an observer of the fiber rather than
 * a canceller of `Effect.async`: a canceller wraps every attempt in an interruption handler,
 * which the client bench measured at about 4% of a call. An interrupted fiber ends once its
 * finalizers have run, so the request is aborted then (and at the latest when its timeout expires).
 */
const send = <B>(state: CallState<B>, attempt: number): Effect.Effect<B, ApiError> =>
  Effect.withFiberRuntime<B, ApiError>((fiber) =>
    Effect.async<B, ApiError>((resume) => {
      const { request, settings, clock } = state;
      const { method, path } = request;
      const { observer } = settings;
      state.attempts = attempt;
      // Warnings for hooks that threw, logged when the fiber resumes.
      let warnings: Effect.Effect<void> | undefined;
      const call = <K extends keyof ClientObserver>(hook: K, event: Parameters<NonNullable<ClientObserver[K]>>[0]) => {
        const failure = callHook(observer, hook, event);
        if (failure) warnings = Effect.zipRight(warnings ?? Effect.void, hookFailed(hook, failure.thrown));
      };
      if (observer) call('onRequest', { method, path, attempt });
      const started = clock.unsafeCurrentTimeMillis();
      const abandoned = () => cancel();
      fiber.addObserver(abandoned);
      const cancel = startAttempt(
        request.send,
        settings,
        clock,
        (outcome) => {
          fiber.removeObserver(abandoned);
          const finished = clock.unsafeCurrentTimeMillis();
          const status = Either.isRight(outcome) ? outcome.right.status : statusOf(outcome.left);
          if (observer && status !== undefined) {
            call('onResponse', { method, path, attempt, status, durationMs: finished - started });
          }
          const next = Either.isRight(outcome)
            ? finishWith(state, { ...outcome.right, attempts: attempt })
            : afterFailure(state, outcome.left, attempt, finished - state.callStarted);
          resume(warnings ? Effect.zipRight(warnings, next) : next);
        },
        request.reading,
      );
    }),
  );

/** The call's result from its 2xx response; a `finish` that throws is a defect. */
const finishWith = <B>(state: CallState<B>, response: ApiResponse): Effect.Effect<B, ApiError> => {
  try {
    const result = state.finish(response);
    return Either.isRight(result) ? Effect.succeed(result.right) : Effect.fail(result.left);
  } catch (defect) {
    return Effect.die(defect);
  }
};

/** After attempt `attempt` failed: the next attempt after its delay, or the call's error. */
const afterFailure = <B>(
  state: CallState<B>,
  failure: AttemptFailure,
  attempt: number,
  elapsedMs: number,
): Effect.Effect<B, ApiError> =>
  Effect.flatMap(delayBeforeRetry(state.request, state.settings, failure, attempt, elapsedMs), (delayMs) =>
    delayMs === undefined
      ? Effect.fail(finalError(state, failure, attempt))
      : retryAfter(state, failure, attempt, delayMs),
  );

const finalError = <B>(state: CallState<B>, failure: AttemptFailure, attempt: number): ApiError => {
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
const retryAfter = <B>(
  state: CallState<B>,
  failure: AttemptFailure,
  attempt: number,
  delayMs: number,
): Effect.Effect<B, ApiError> =>
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

/**
 * Sends `request` until it succeeds or a failure is final, per `settings`, timing with `clock`;
 * the 2xx response is handed to `finish` as soon as it arrives (so a call that succeeds at once
 * resumes its fiber once, with its result).
 */
export const execute = <B>(
  request: ApiRequest,
  settings: ClientSettings,
  clock: Clock.Clock,
  finish: Finish<B>,
): Effect.Effect<B, ApiError> =>
  Effect.suspend(() => {
    const state: CallState<B> = {
      request,
      settings,
      clock,
      callStarted: clock.unsafeCurrentTimeMillis(),
      finish,
      attempts: 0,
    };
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
