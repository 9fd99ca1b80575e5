/**
 * GitBook's rate-limit reporting: `X-RateLimit-Limit`, `X-RateLimit-Remaining` and
 * `X-RateLimit-Reset` (UTC epoch seconds, wall clock) on every answer, never `Retry-After`;
 * a refused request gets a 429 saying "try again in 60 seconds".
 */
import type { RateLimitReporting } from '../core/rate-limit-reporting.js';

/** What the headers say while no rate limit is configured: the sandbox does not limit, so never 0 left. */
export const UNLIMITED_RATE_LIMIT = 1000;

export const gitBookRateLimitReporting: RateLimitReporting = {
  message: 'Rate limit exceeded, try again in 60 seconds',
  headers: (limit, status) => {
    const total = limit?.limit ?? UNLIMITED_RATE_LIMIT;
    // Rounded up: once the client's clock reads the Reset second, the bucket is full again.
    const reset = Math.ceil((limit?.resetAt ?? Date.now()) / 1000);
    return {
      'X-RateLimit-Limit': String(total),
      'X-RateLimit-Remaining': String(status === 429 ? 0 : (limit?.remaining ?? total)),
      'X-RateLimit-Reset': String(reset),
    };
  },
};
