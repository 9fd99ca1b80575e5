import { Either } from 'effect';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClientSettings } from '../src/core/client-settings.js';
import { pauseBeforeAttempt } from '../src/core/internal/execute.js';
import { parseRateLimitHeaders, rateLimitHints, retryAfterHints } from '../src/core/internal/rate-limit-headers.js';
import { defaultRetryPolicy, resolveRetryPolicy } from '../src/core/retry-policy.js';

const now = Date.parse('2026-01-05T09:00:00.400Z');
const nowSeconds = Math.floor(now / 1000);
const headers = (entries: Record<string, string>) => new Headers(entries);

describe('X-RateLimit-* headers', () => {
  it('reads limit, remaining and Reset as UTC epoch seconds', () => {
    expect(
      parseRateLimitHeaders(
        headers({ 'X-RateLimit-Limit': '60', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': `${nowSeconds + 3}` }),
        now,
      ),
    ).toEqual({ limit: 60, remaining: 0, resetAtMs: (nowSeconds + 3) * 1000 });
  });

  it('reads a Reset too small to be an instant as seconds from now', () => {
    expect(parseRateLimitHeaders(headers({ 'x-ratelimit-reset': '60' }), now)).toEqual({ resetAtMs: now + 60_000 });
  });

  it('leaves out what is absent or unreadable', () => {
    expect(parseRateLimitHeaders(headers({}), now)).toEqual({});
    expect(
      parseRateLimitHeaders(
        headers({ 'X-RateLimit-Limit': 'many', 'X-RateLimit-Remaining': '-1', 'X-RateLimit-Reset': '1.7e9' }),
        now,
      ),
    ).toEqual({});
  });
});

describe('waiting as GitBook asks', () => {
  const reset = (seconds: number) => `${nowSeconds + seconds}`;

  it('waits until Reset after a 429 without Retry-After', () => {
    const hints = rateLimitHints(429, headers({ 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': reset(2) }), now);
    expect(hints).toEqual({ retryAfterMs: (nowSeconds + 2) * 1000 - now, pausedUntilMs: (nowSeconds + 2) * 1000 });
    expect(hints.retryAfterMs).toBe(1600);
  });

  it('prefers Retry-After when a server sends it', () => {
    const hints = rateLimitHints(429, headers({ 'Retry-After': '5', 'X-RateLimit-Reset': reset(2) }), now);
    expect(hints.retryAfterMs).toBe(5000);
  });

  it('leaves a 429 whose Reset has passed, or that has none, to the backoff', () => {
    expect(rateLimitHints(429, headers({ 'X-RateLimit-Reset': reset(0) }), now).retryAfterMs).toBeUndefined();
    expect(rateLimitHints(429, headers({}), now).retryAfterMs).toBeUndefined();
  });

  it('does not read Reset as a wait for other failures: every response carries it', () => {
    const hints = rateLimitHints(503, headers({ 'X-RateLimit-Remaining': '7', 'X-RateLimit-Reset': reset(30) }), now);
    expect(hints).toEqual({ retryAfterMs: undefined, pausedUntilMs: undefined });
  });

  it('pauses the client until Reset when a response, even a 200, says Remaining 0', () => {
    const spent = headers({ 'X-RateLimit-Limit': '2', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': reset(1) });
    expect(rateLimitHints(200, spent, now)).toEqual({
      retryAfterMs: undefined,
      pausedUntilMs: (nowSeconds + 1) * 1000,
    });
    const left = headers({ 'X-RateLimit-Remaining': '1', 'X-RateLimit-Reset': reset(1) });
    expect(rateLimitHints(200, left, now).pausedUntilMs).toBeUndefined();
  });

  it('TransactionLink reads only Retry-After and never pauses', () => {
    const both = headers({ 'Retry-After': '3', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': reset(9) });
    expect(retryAfterHints(429, both, now)).toEqual({ retryAfterMs: 3000, pausedUntilMs: undefined });
    expect(retryAfterHints(429, headers({ 'X-RateLimit-Reset': reset(9) }), now).retryAfterMs).toBeUndefined();
  });
});

describe('holding an attempt back while the quota is spent', () => {
  const settings = (deadlineMs?: number): Pick<ClientSettings, 'retry' | 'deadlineMs'> => ({
    retry: Either.getOrThrow(resolveRetryPolicy({ ...defaultRetryPolicy, maxRetryAfter: '10 seconds' })),
    deadlineMs,
  });

  it('waits until the pause ends', () => {
    expect(pauseBeforeAttempt(settings(), now + 1500, now, 0)).toBe(1500);
    expect(pauseBeforeAttempt(settings(), now, now, 0)).toBe(0);
    expect(pauseBeforeAttempt(settings(), now - 5, now, 0)).toBe(0);
    expect(pauseBeforeAttempt(settings(), 0, now, 0)).toBe(0);
  });

  it('does not wait longer than maxRetryAfter, nor past the deadline: the server decides', () => {
    expect(pauseBeforeAttempt(settings(), now + 10_000, now, 0)).toBe(10_000);
    expect(pauseBeforeAttempt(settings(), now + 10_001, now, 0)).toBe(0);
    expect(pauseBeforeAttempt(settings(5000), now + 3000, now, 1000)).toBe(3000);
    expect(pauseBeforeAttempt(settings(5000), now + 3000, now, 2000)).toBe(0);
  });

  it('never waits a negative time or more than asked', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2e12 }), fc.integer({ min: 0, max: 2e12 }), (until, at) => {
        const wait = pauseBeforeAttempt(settings(), until, at, 0);
        return wait >= 0 && wait <= Math.max(0, until - at) && wait <= 10_000;
      }),
    );
  });
});
