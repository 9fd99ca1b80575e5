/**
 * The settings every API client shares (retry, timeouts, observer, fetch), validated once when
 * the client is made and again for each call's overrides.
 *
 * @module
 */
import { type Duration, Either, type Redacted } from 'effect';
import type { CallOptions } from './call-options.js';
import { ConfigError } from './errors.js';
import type { ApiProtocol } from './internal/protocol.js';
import type { ClientObserver } from './observer.js';
import {
  defaultRetryPolicy,
  overrideRetryPolicy,
  type ResolvedRetryPolicy,
  type RetryPolicy,
  resolveRetryPolicy,
  toMillis,
} from './retry-policy.js';

/** Default per-attempt timeout. */
export const DEFAULT_TIMEOUT = '30 seconds';

/** What a caller may set on any client besides its credentials and base URL. */
export interface ClientOptions {
  /** Overrides of {@link defaultRetryPolicy}. */
  readonly retry?: Partial<RetryPolicy>;
  /** Per-attempt timeout, default 30 seconds; the request is aborted when it expires. */
  readonly timeout?: Duration.DurationInput;
  /**
   * Deadline for a whole call, retries and waits included; none by default. An attempt in flight
   * at the deadline is aborted (Timeout, `scope: 'deadline'`); a retry whose wait would end past
   * it is not made, and the call fails with the last attempt's error instead.
   */
  readonly deadline?: Duration.DurationInput;
  /** Hooks called around every attempt. */
  readonly observer?: ClientObserver;
  /** The fetch to send requests with; default `globalThis.fetch` (looked up at each request). */
  readonly fetch?: typeof globalThis.fetch;
  /**
   * How 2xx bodies are checked against the spec. `strict` (the default): a body that differs
   * from the spec in a documented field fails the call with `Decode`; fields the spec does not
   * document are kept. `tolerant`: the body is returned as received and every difference (a field
   * missing or of another type, a value outside an enum, an undocumented field) is reported to
   * `observer.onDeviation` instead; only what the client itself reads (a list's items array, its
   * paging fields) must still match, else `Decode`. The caller checks the fields it relies on.
   */
  readonly decode?: DecodeMode;
}

/** See {@link ClientOptions.decode}. */
export type DecodeMode = 'strict' | 'tolerant';

/**
 * ClientOptions validated, with the secrets to scrub from anything the server sends back, the
 * API's protocol, and the client's rate-limit pause (shared by every call made with these settings).
 */
export interface ClientSettings {
  readonly retryPolicy: RetryPolicy;
  readonly retry: ResolvedRetryPolicy;
  readonly timeoutMs: number;
  readonly deadlineMs: number | undefined;
  readonly observer: ClientObserver | undefined;
  readonly fetch: typeof globalThis.fetch;
  readonly decode: DecodeMode;
  readonly secrets: ReadonlyArray<Redacted.Redacted<string>>;
  readonly protocol: ApiProtocol;
  /** The client's rate-limit pause, shared by every call made with these settings. */
  readonly pause: RateLimitPause;
}

/**
 * Epoch ms before which no request is sent: the server said the quota is spent until then. A
 * plain cell rather than a `Ref`: every attempt reads it and JavaScript runs one fiber at a time,
 * so it is read and raised in place, outside any effect.
 */
export interface RateLimitPause {
  untilMs: number;
}

const positiveMillis = (setting: 'timeout' | 'deadline', input: Duration.DurationInput) =>
  toMillis(input).pipe(
    Either.filterOrLeft(
      (millis) => millis > 0,
      () => 'must be longer than 0',
    ),
    Either.mapLeft((problem) => new ConfigError({ setting, message: `${setting}: ${problem}` })),
  );

const resolve = (
  retryPolicy: RetryPolicy,
  timeout: Duration.DurationInput,
  deadline: Duration.DurationInput | undefined,
): Either.Either<Pick<ClientSettings, 'retryPolicy' | 'retry' | 'timeoutMs' | 'deadlineMs'>, ConfigError> =>
  Either.gen(function* () {
    const retry = yield* Either.mapLeft(
      resolveRetryPolicy(retryPolicy),
      (message) => new ConfigError({ setting: 'retry', message }),
    );
    const timeoutMs = yield* positiveMillis('timeout', timeout);
    const deadlineMs = deadline === undefined ? undefined : yield* positiveMillis('deadline', deadline);
    return { retryPolicy, retry, timeoutMs, deadlineMs };
  });

const defaultFetch: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, init);

/**
 * Validates `options` for an API speaking `protocol`; `secrets` are the credentials the client
 * sends, to keep out of errors and logs. The settings come with a rate-limit pause of their own,
 * shared by every call made with them (and their per-call overrides).
 */
export const makeClientSettings = (
  options: ClientOptions,
  secrets: ReadonlyArray<Redacted.Redacted<string>>,
  protocol: ApiProtocol,
): Either.Either<ClientSettings, ConfigError> =>
  Either.map(
    resolve(
      overrideRetryPolicy(defaultRetryPolicy, options.retry),
      options.timeout ?? DEFAULT_TIMEOUT,
      options.deadline,
    ),
    (resolved) => ({
      ...resolved,
      observer: options.observer,
      fetch: options.fetch ?? defaultFetch,
      decode: options.decode ?? 'strict',
      secrets,
      protocol,
      pause: { untilMs: 0 },
    }),
  );

/** `settings` with one call's overrides applied. */
export const withCallOptions = (
  settings: ClientSettings,
  options: CallOptions | undefined,
): Either.Either<ClientSettings, ConfigError> => {
  if (!options || (!options.retry && options.timeout === undefined && options.deadline === undefined)) {
    return Either.right(settings);
  }
  return Either.map(
    resolve(
      overrideRetryPolicy(settings.retryPolicy, options.retry),
      options.timeout ?? settings.timeoutMs,
      options.deadline ?? settings.deadlineMs,
    ),
    (resolved) => ({ ...settings, ...resolved }),
  );
};

const isLoopback = (hostname: string) =>
  hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);

/**
 * `value` as a base URL without a trailing slash: https, or http on a loopback host
 * (127.0.0.0/8, ::1, localhost); no credentials, query or fragment. `setting` names it in the error.
 */
export const validateBaseUrl = (value: string, setting: string): Either.Either<string, ConfigError> => {
  const fail = (problem: string) => Either.left(new ConfigError({ setting, message: `${setting} ${problem}` }));
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail('is not an absolute URL (e.g. https://api.example.com)');
  }
  if (url.username || url.password) return fail('must not contain credentials; pass the token on its own');
  if (url.search || url.hash) return fail('must not have a query or a fragment');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    return fail(`must use https (http only for 127.0.0.1, ::1 or localhost); got ${url.protocol}//${url.host}`);
  }
  return Either.right(url.href.replace(/\/+$/, ''));
};
