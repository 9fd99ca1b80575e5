/**
 * Waiting as response headers ask: `Retry-After` (RFC 9110) and the `X-RateLimit-Limit`,
 * `X-RateLimit-Remaining` and `X-RateLimit-Reset` convention (GitBook, GitHub and others), where
 * Reset is the UTC epoch second at which the quota refills.
 */
import { parseRetryAfter } from '../retry-policy.js';
import type { HeaderReader, WaitHints } from './protocol.js';

/** The `X-RateLimit-*` headers of a response; a field is absent when its header is absent or unreadable. */
export interface RateLimitHeaders {
  /** Requests allowed per window. */
  readonly limit?: number;
  /** Requests left in the current window. */
  readonly remaining?: number;
  /** When the window resets, in epoch milliseconds. */
  readonly resetAtMs?: number;
}

const WHOLE_NUMBER = /^\s*\d+\s*$/;

/** 2001-09-09 in epoch seconds: a smaller Reset cannot be an instant, so it is read as seconds from now. */
const EPOCH_SECONDS_FLOOR = 1_000_000_000;

const wholeNumber = (value: string | null): number | undefined =>
  value !== null && WHOLE_NUMBER.test(value) ? Number(value) : undefined;

/**
 * Reads `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset`. Reset is UTC epoch
 * seconds; a value too small to be one (some servers send the seconds left) counts from `nowMs`.
 */
export const parseRateLimitHeaders = (headers: HeaderReader, nowMs: number): RateLimitHeaders => {
  const limit = wholeNumber(headers.get('x-ratelimit-limit'));
  const remaining = wholeNumber(headers.get('x-ratelimit-remaining'));
  const reset = wholeNumber(headers.get('x-ratelimit-reset'));
  const resetAtMs = reset === undefined ? undefined : reset < EPOCH_SECONDS_FLOOR ? nowMs + reset * 1000 : reset * 1000;
  return {
    ...(limit === undefined ? {} : { limit }),
    ...(remaining === undefined ? {} : { remaining }),
    ...(resetAtMs === undefined ? {} : { resetAtMs }),
  };
};

/** Only `Retry-After`: the wait a failed response asks for; never a pause. */
export const retryAfterHints = (_status: number, headers: HeaderReader, nowMs: number): WaitHints => ({
  retryAfterMs: parseRetryAfter(headers.get('retry-after'), nowMs),
  pausedUntilMs: undefined,
});

/**
 * `Retry-After` when present; otherwise a 429 waits until `X-RateLimit-Reset` (a Reset already
 * past leaves the wait to the backoff). Any response with `X-RateLimit-Remaining: 0` pauses the
 * client until Reset.
 */
export const rateLimitHints = (status: number, headers: HeaderReader, nowMs: number): WaitHints => {
  const { remaining, resetAtMs } = parseRateLimitHeaders(headers, nowMs);
  const untilReset = resetAtMs !== undefined && resetAtMs > nowMs ? resetAtMs - nowMs : undefined;
  return {
    retryAfterMs: parseRetryAfter(headers.get('retry-after'), nowMs) ?? (status === 429 ? untilReset : undefined),
    pausedUntilMs: remaining === 0 ? resetAtMs : undefined,
  };
};
