/**
 * When and how long to wait before retrying, in the spirit of ky: small, pure, and readable in one
 * sitting. Which failures are retried at all is decided in `internal/attempt-failure.ts`.
 *
 * @module
 */
import { Duration, Either, Option } from 'effect';

/** How a client retries; every field has a default, override any of them per client or per call. */
export interface RetryPolicy {
  /** Retries after the first attempt; `0` disables retrying. Default 3. */
  readonly retries: number;
  /** Wait before the first retry; doubled for each further one. Default 250 ms. */
  readonly baseDelay: Duration.DurationInput;
  /** Cap on the exponential backoff. Default 8 s. */
  readonly maxDelay: Duration.DurationInput;
  /**
   * Longest `Retry-After` the client waits for. A server asking for more makes the call fail at
   * once (RateLimited or ServerError, with `retryAfterMs` on RateLimited) instead of sleeping or
   * retrying early. Default 60 s.
   */
  readonly maxRetryAfter: Duration.DurationInput;
  /** Randomise each backoff to between half and all of its value, so clients spread out. Default true. */
  readonly jitter: boolean;
}

/** `{ retries: 3, baseDelay: '250 millis', maxDelay: '8 seconds', maxRetryAfter: '60 seconds', jitter: true }` */
export const defaultRetryPolicy: RetryPolicy = {
  retries: 3,
  baseDelay: '250 millis',
  maxDelay: '8 seconds',
  maxRetryAfter: '60 seconds',
  jitter: true,
};

/** `policy` with the fields `overrides` sets; a field set to `undefined` keeps its value. */
export const overrideRetryPolicy = (policy: RetryPolicy, overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({
  ...policy,
  ...Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)),
});

/** A RetryPolicy validated, with its durations in milliseconds. */
export interface ResolvedRetryPolicy {
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
  readonly jitter: boolean;
}

/**
 * Milliseconds of a DurationInput, or `Left(problem)`. A bare number is taken as milliseconds,
 * as Effect does.
 */
export const toMillis = (input: unknown): Either.Either<number, string> =>
  // decodeUnknown clamps negative numbers to 0; a negative number is a mistake worth naming.
  Option.match(typeof input === 'number' && input < 0 ? Option.none() : Duration.decodeUnknown(input), {
    onNone: () => Either.left(`${JSON.stringify(input)} is not a duration (e.g. '30 seconds' or 30000)`),
    onSome: (duration) => {
      const millis = Duration.toMillis(duration);
      return millis >= 0 ? Either.right(millis) : Either.left('a duration must not be negative');
    },
  });

/** `policy` validated, durations in milliseconds; `Left(problem)` names the offending field. */
export const resolveRetryPolicy = (policy: RetryPolicy): Either.Either<ResolvedRetryPolicy, string> =>
  Either.gen(function* () {
    const millis = (field: 'baseDelay' | 'maxDelay' | 'maxRetryAfter') =>
      Either.mapLeft(toMillis(policy[field]), (problem) => `retry.${field}: ${problem}`);
    if (!Number.isInteger(policy.retries) || policy.retries < 0) {
      return yield* Either.left(`retry.retries: must be a whole number >= 0, got ${policy.retries}`);
    }
    const baseDelayMs = yield* millis('baseDelay');
    if (!Number.isFinite(baseDelayMs)) return yield* Either.left('retry.baseDelay: must be finite');
    return {
      retries: policy.retries,
      baseDelayMs,
      maxDelayMs: yield* millis('maxDelay'),
      maxRetryAfterMs: yield* millis('maxRetryAfter'),
      jitter: policy.jitter,
    };
  });

/**
 * Exponential backoff before retry number `retry` (1 for the first retry): `baseDelay × 2^(retry−1)`
 * capped at `maxDelay`; with jitter, scaled by a factor in (0.5, 1] drawn from `random` in [0, 1).
 */
export const backoffDelay = (policy: ResolvedRetryPolicy, retry: number, random: number): number => {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(policy.jitter ? exponential * (1 - random / 2) : exponential);
};

const DELAY_SECONDS = /^\s*(\d+(?:\.\d+)?)\s*$/;
/** The three HTTP-date forms (IMF-fixdate, RFC 850, asctime) all start with a day name. */
const HTTP_DATE = /^\s*(Mon|Tue|Wed|Thu|Fri|Sat|Sun)/i;
const HAS_ZONE = /(\bGMT|\bUTC|[+-]\d{4})\s*$/i;

/** HTTP-dates are always GMT; asctime (`Sun Nov  6 08:49:37 1994`) just does not say so. */
const parseHttpDate = (value: string): number => Date.parse(HAS_ZONE.test(value) ? value : `${value.trim()} GMT`);

/**
 * A `Retry-After` header value as a wait in milliseconds from `nowMs`: delay-seconds (`120`) or an
 * HTTP-date (`Wed, 21 Oct 2015 07:28:00 GMT`; a date in the past means 0). `undefined` when the
 * header is absent or unreadable, so the caller falls back to its backoff.
 */
export const parseRetryAfter = (value: string | null | undefined, nowMs: number): number | undefined => {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const seconds = DELAY_SECONDS.exec(value);
  if (seconds) return Math.round(Number(seconds[1]) * 1000);
  const date = HTTP_DATE.test(value) ? parseHttpDate(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
};
