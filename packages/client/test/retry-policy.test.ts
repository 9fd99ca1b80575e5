import { Either } from 'effect';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  defaultRetryPolicy,
  parseRetryAfter,
  type ResolvedRetryPolicy,
  resolveRetryPolicy,
} from '../src/core/retry-policy.js';

const resolved = (overrides: Partial<typeof defaultRetryPolicy> = {}): ResolvedRetryPolicy =>
  Either.getOrThrow(resolveRetryPolicy({ ...defaultRetryPolicy, ...overrides }));

describe('Retry-After', () => {
  const now = Date.parse('2026-01-05T09:00:00.000Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('1', now)).toBe(1000);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
  });

  it('reads an HTTP-date as the time left until it, and a past date as no wait', () => {
    expect(parseRetryAfter('Mon, 05 Jan 2026 09:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter(new Date(now + 2500).toUTCString(), now)).toBe(2000); // whole seconds
    expect(parseRetryAfter('Sun, 04 Jan 2026 09:00:00 GMT', now)).toBe(0);
  });

  it('ignores an absent or unreadable header, so the backoff applies', () => {
    for (const value of [null, undefined, '', '  ', 'soon', '-5', '1e3', 'Mon, 99 Foo 2026']) {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    }
  });
});

describe('backoff', () => {
  it('doubles from baseDelay and stops at maxDelay, without jitter', () => {
    const policy = resolved({ jitter: false });
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((retry) => backoffDelay(policy, retry, 0.5))).toEqual([
      250, 500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
  });

  it('with jitter stays between half and all of the capped exponential delay', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 0, max: 60_000 }),
        (retry, random, baseDelay, maxDelay) => {
          const policy = resolved({ baseDelay, maxDelay });
          const ceiling = Math.min(maxDelay, baseDelay * 2 ** (retry - 1));
          const delay = backoffDelay(policy, retry, random);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
          expect(delay).toBeLessThanOrEqual(Math.ceil(ceiling));
        },
      ),
    );
  });

  it('spreads retries of clients that failed together', () => {
    const policy = resolved();
    const delays = new Set([0, 0.2, 0.4, 0.6, 0.8].map((random) => backoffDelay(policy, 3, random)));
    expect(delays.size).toBe(5);
  });
});

describe('retry policy validation', () => {
  it('accepts the defaults and Effect durations in any form', () => {
    expect(resolved()).toEqual({
      retries: 3,
      baseDelayMs: 250,
      maxDelayMs: 8000,
      maxRetryAfterMs: 60_000,
      jitter: true,
    });
    expect(
      resolved({ baseDelay: 100, maxDelay: '2 seconds', maxRetryAfter: Number.POSITIVE_INFINITY }).maxDelayMs,
    ).toBe(2000);
  });

  it('names the field that is wrong', () => {
    const problem = (overrides: object) =>
      Either.getLeft(resolveRetryPolicy({ ...defaultRetryPolicy, ...overrides })).pipe(
        (o) => o._tag === 'Some' && o.value,
      );
    expect(problem({ retries: -1 })).toMatch(/^retry\.retries/);
    expect(problem({ retries: 1.5 })).toMatch(/^retry\.retries/);
    expect(problem({ baseDelay: 'soon' })).toMatch(/^retry\.baseDelay/);
    expect(problem({ maxDelay: -5 })).toMatch(/^retry\.maxDelay: -5 is not a duration/);
    expect(problem({ baseDelay: Number.POSITIVE_INFINITY })).toMatch(/^retry\.baseDelay: must be finite/);
  });
});
