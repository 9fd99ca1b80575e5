/**
 * One attempt: send a request through a generated SDK method, with a timeout that aborts it, and
 * sort the outcome into a parsed 2xx body or an AttemptFailure. Classification uses the response
 * status, never what the generated client throws (hey-api rejects with plain objects). Every
 * response's headers are read through the API's protocol: a spent quota pauses the client.
 */
import { Clock, Duration, Effect, Ref } from 'effect';
import type { ClientSettings } from '../client-settings.js';
import type { AttemptFailure } from './attempt-failure.js';
import { describeNetworkError } from './network-error.js';

/** What the core adds to every generated SDK call. */
export interface SendInit {
  /** Aborted when the attempt times out or the calling fiber is interrupted. */
  readonly signal: AbortSignal;
  readonly fetch: typeof globalThis.fetch;
  /** The core parses 2xx bodies itself, to tell a broken body from a wrong one. */
  readonly parseAs: 'text';
}

/** A hey-api fetch client result (`responseStyle: 'fields'`, `throwOnError: false`). */
export interface SdkResult {
  readonly data?: unknown;
  readonly error?: unknown;
  readonly response?: Response;
}

/** Sends the request; a generated SDK method with SendInit spread into its options. */
export type Send = (init: SendInit) => Promise<SdkResult>;

/** A 2xx response: its status and its JSON body (`undefined` when empty). */
export interface AttemptSuccess {
  readonly status: number;
  readonly body: unknown;
}

/** What the transport needs of the client's settings. */
type TransportSettings = Pick<ClientSettings, 'fetch' | 'timeoutMs' | 'protocol' | 'pausedUntilMs'>;

/** The body of an answered request; the response's wait hints are applied first. */
const interpret = (result: SdkResult, settings: TransportSettings): Effect.Effect<AttemptSuccess, AttemptFailure> => {
  const { response } = result;
  if (!response) {
    // hey-api resolves (not rejects) when fetch itself rejects, with the rejection as `error`.
    return Effect.fail({ _tag: 'Network', ...describeNetworkError(result.error), status: undefined });
  }
  return Effect.flatMap(Clock.currentTimeMillis, (now) => {
    const { status } = response;
    const hints = settings.protocol.waitHints(status, response.headers, now);
    const { pausedUntilMs } = hints;
    const pause =
      pausedUntilMs === undefined
        ? Effect.void
        : Ref.update(settings.pausedUntilMs, (until) => Math.max(until, pausedUntilMs));
    return Effect.zipRight(pause, readBody(result, response, hints.retryAfterMs));
  });
};

const readBody = (
  result: SdkResult,
  response: Response,
  retryAfterMs: number | undefined,
): Effect.Effect<AttemptSuccess, AttemptFailure> => {
  const { status } = response;
  if (!response.ok) return Effect.fail({ _tag: 'Status', status, body: result.error, retryAfterMs });
  const text = typeof result.data === 'string' ? result.data : '';
  if (text.trim() === '') return Effect.succeed({ status, body: undefined });
  try {
    return Effect.succeed({ status, body: JSON.parse(text) as unknown });
  } catch {
    return Effect.fail({ _tag: 'InvalidJson', status });
  }
};

/** Sends one attempt of `send`, aborting it after the settings' `timeoutMs`. */
export const sendAttempt = (send: Send, settings: TransportSettings): Effect.Effect<AttemptSuccess, AttemptFailure> =>
  Effect.suspend(() => {
    const { fetch, timeoutMs } = settings;
    let answered: Response | undefined;
    const watchedFetch: typeof globalThis.fetch = async (input, init) => {
      const response = await fetch(input, init);
      answered = response;
      return response;
    };
    return Effect.tryPromise({
      try: (signal) => send({ signal, fetch: watchedFetch, parseAs: 'text' }),
      // Reading the body failed (fetch failures resolve, see interpret): the server has answered.
      catch: (error): AttemptFailure => {
        const { reason } = describeNetworkError(error);
        return answered
          ? {
              _tag: 'Network',
              reason: `${reason} while reading the response body`,
              notSent: false,
              status: answered.status,
            }
          : { _tag: 'Network', ...describeNetworkError(error), status: undefined };
      },
    }).pipe(
      Effect.timeoutFail({
        duration: Duration.millis(timeoutMs),
        onTimeout: (): AttemptFailure => ({ _tag: 'AttemptTimeout', timeoutMs }),
      }),
      Effect.flatMap((result) => interpret(result, settings)),
    );
  });
