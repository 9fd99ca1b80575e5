/**
 * How an API tells clients about its rate limit: the headers on its answers and the message of
 * its 429. Each API module may bring its own; the default is `Retry-After` on 429s only.
 */
import type { RetryAfterFormat } from './faults/fault-config.js';
import type { RateLimitState } from './faults/rate-limiter.js';

/** The bucket after a request, with the `Retry-After` format the fault config asks for. */
export interface RateLimitStatus extends RateLimitState {
  readonly retryAfter: RetryAfterFormat;
}

export interface RateLimitReporting {
  /**
   * Headers for an answer of the API with `status` (429s included, faulted ones too). `limit`
   * is undefined when no rate limit is configured.
   */
  readonly headers: (limit: RateLimitStatus | undefined, status: number) => Readonly<Record<string, string>>;
  /** The message of the error answer when the rate limit refuses a request. */
  readonly message: string;
}

/** `Retry-After` on a refused request, in whole seconds >= 1, as an HTTP-date, or not at all. */
export const retryAfterReporting: RateLimitReporting = {
  message: 'Too many requests, slow down',
  headers: (limit) => (limit?.limited ? retryAfterHeader(limit.retryAfter, limit.waitSeconds) : {}),
};

function retryAfterHeader(format: RetryAfterFormat, waitSeconds: number): Record<string, string> {
  const seconds = Math.max(1, Math.ceil(waitSeconds));
  if (format === 'none') return {};
  if (format === 'http-date') {
    // Rounded up to the next whole second: an HTTP-date has no fractions, and waiting until it must be enough.
    const at = Math.ceil((Date.now() + seconds * 1000) / 1000) * 1000;
    return { 'Retry-After': new Date(at).toUTCString() };
  }
  return { 'Retry-After': String(seconds) };
}
