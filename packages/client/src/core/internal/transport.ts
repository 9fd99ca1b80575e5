/**
 * One attempt: send a request through a generated SDK method, with a timeout that aborts it, and
 * sort the outcome into a parsed 2xx body or an AttemptFailure. Classification uses the response
 * status, never what the generated client throws (hey-api rejects with plain objects). Every
 * response's headers are read through the API's protocol: a spent quota pauses the client.
 */
import type * as Clock from 'effect/Clock';
import * as Either from 'effect/Either';
import type { ClientSettings } from '../client-settings.js';
import type { AttemptFailure } from './attempt-failure.js';
import { describeNetworkError } from './network-error.js';
import { RedirectRefused, sameOriginFetch, TooManyRedirects } from './redirects.js';

/** What the core adds to every generated SDK call. */
export interface SendInit {
  /** Aborted when the attempt times out or the calling fiber is interrupted. */
  readonly signal: AbortSignal;
  readonly fetch: typeof globalThis.fetch;
  /**
   * The core parses 2xx bodies itself, to tell a broken body from a wrong one: as text, or item by
   * item from the body's stream (see BodyReading).
   */
  readonly parseAs: BodyReading;
}

/**
 * How a 2xx body is read: `text`, parsed whole as JSON when the attempt settles; `stream`, handed
 * over unread as the response's ReadableStream (the attempt settles when the headers arrive).
 */
export type BodyReading = 'text' | 'stream';

/** A hey-api fetch client result (`responseStyle: 'fields'`, `throwOnError: false`). */
export interface SdkResult {
  readonly data?: unknown;
  readonly error?: unknown;
  readonly response?: Response;
}

/** Sends the request; a generated SDK method with SendInit spread into its options. */
export type Send = (init: SendInit) => Promise<SdkResult>;

/**
 * A 2xx response: its status and its JSON body (`undefined` when empty); when read as a
 * `stream`, the unread `ReadableStream<Uint8Array>` (or `null` for no body).
 */
export interface AttemptSuccess {
  readonly status: number;
  readonly body: unknown;
}

/** What the transport needs of the client's settings. */
type TransportSettings = Pick<ClientSettings, 'fetch' | 'timeoutMs' | 'protocol' | 'pause'>;

/** How one attempt ended: a 2xx body, or why it failed. */
export type AttemptOutcome = Either.Either<AttemptSuccess, AttemptFailure>;

/** The body of an answered request; the response's wait hints, as of `nowMs`, are applied first. */
const interpret = (
  result: SdkResult,
  settings: TransportSettings,
  nowMs: number,
  reading: BodyReading,
): AttemptOutcome => {
  const { response } = result;
  if (!response) {
    // hey-api resolves (not rejects) when fetch itself rejects, with the rejection as `error`.
    if (result.error instanceof RedirectRefused) return Either.left(refused(result.error));
    if (result.error instanceof TooManyRedirects) return Either.left(redirectLoop(result.error));
    return Either.left({ _tag: 'Network', ...describeNetworkError(result.error), status: undefined });
  }
  const hints = settings.protocol.waitHints(response.status, response.headers, nowMs);
  const { pausedUntilMs } = hints;
  if (pausedUntilMs !== undefined) settings.pause.untilMs = Math.max(settings.pause.untilMs, pausedUntilMs);
  if (reading === 'stream' && response.ok) return Either.right({ status: response.status, body: result.data ?? null });
  return readBody(result, response, hints.retryAfterMs);
};

const refused = ({ from, location, status }: RedirectRefused): AttemptFailure => ({
  _tag: 'RedirectRefused',
  from,
  location,
  status,
});

const redirectLoop = ({ message, status }: TooManyRedirects): AttemptFailure => ({
  _tag: 'Network',
  reason: message,
  notSent: false,
  permanent: false,
  status,
});

const BLANK = /^\s*$/;

const readBody = (result: SdkResult, response: Response, retryAfterMs: number | undefined): AttemptOutcome => {
  const { status } = response;
  if (!response.ok) return Either.left({ _tag: 'Status', status, body: result.error, retryAfterMs });
  const text = typeof result.data === 'string' ? result.data : '';
  // The same blanks as `trim()`, without building a trimmed copy of a large body.
  if (BLANK.test(text)) return Either.right({ status, body: undefined });
  try {
    return Either.right({ status, body: JSON.parse(text) as unknown });
  } catch {
    return Either.left({ _tag: 'InvalidJson', status });
  }
};

/** Longer timeouts are never reached: timers overflow past this, and Effect's own sleep never fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Starts one attempt of `send` and calls `settled` once with its outcome, unless the attempt is
 * cancelled first; returns the function that cancels it. The request is aborted when the
 * settings' `timeoutMs` expires (the attempt then fails at once with AttemptTimeout) or when it is
 * cancelled (the calling fiber was interrupted). One AbortController and one timer per attempt,
 * the timer cleared as soon as the attempt settles: no fiber is forked to watch the time.
 *
 * The answer is interpreted as soon as it arrives and handed on alone: the fetch machinery
 * outlives the attempt in the runtime's memory (abort signals, streams), so nothing it can reach
 * should lead back to the caller or the response body (hence `pending` and `answered` being
 * dropped once used).
 */
export const startAttempt = (
  send: Send,
  settings: TransportSettings,
  clock: Clock.Clock,
  settled: (outcome: AttemptOutcome) => void,
  reading: BodyReading = 'text',
): (() => void) => {
  const { fetch, timeoutMs } = settings;
  const controller = new AbortController();
  let pending: typeof settled | undefined = settled;
  let answered: Response | undefined;
  const settle = (outcome: AttemptOutcome) => {
    const notify = pending;
    pending = undefined;
    answered = undefined;
    clearTimeout(timer);
    notify?.(outcome);
  };
  const timer =
    timeoutMs <= MAX_TIMER_MS
      ? setTimeout(() => {
          controller.abort();
          settle(Either.left({ _tag: 'AttemptTimeout', timeoutMs }));
        }, timeoutMs)
      : undefined;
  const followed = sameOriginFetch(fetch);
  const watchedFetch: typeof globalThis.fetch = (input, init) =>
    followed(input, init).then((response) => {
      answered = response;
      return response;
    });
  // Reading the body failed (fetch failures resolve, see interpret): the server has answered.
  const failed = (error: unknown) => {
    if (error instanceof RedirectRefused) return settle(Either.left(refused(error)));
    if (error instanceof TooManyRedirects) return settle(Either.left(redirectLoop(error)));
    const { reason, notSent, permanent } = describeNetworkError(error);
    settle(
      Either.left(
        answered
          ? {
              _tag: 'Network',
              reason: `${reason} while reading the response body`,
              notSent: false,
              permanent: false,
              status: answered.status,
            }
          : { _tag: 'Network', reason, notSent, permanent, status: undefined },
      ),
    );
  };
  try {
    send({ signal: controller.signal, fetch: watchedFetch, parseAs: reading }).then(
      (result) => settle(interpret(result, settings, clock.unsafeCurrentTimeMillis(), reading)),
      failed,
    );
  } catch (error) {
    failed(error);
  }
  return () => {
    pending = undefined;
    clearTimeout(timer);
    controller.abort();
  };
};
