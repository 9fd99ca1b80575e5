/**
 * Properties of `Retry-After` handling: the parser (core/retry-policy.ts, parseRetryAfter) on
 * delay-seconds, HTTP-dates in all three forms RFC 9110 requires recipients to accept, around
 * "now", and garbage; and the client on top of it (a fake fetch answering 429 once): a wait is
 * never negative, never NaN, never longer than `maxRetryAfter`, and seconds and dates agree.
 */
import { Effect, Either } from 'effect';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../src/core/retry-policy.js';
import { RateLimited, type RetryEvent, TransactionLink } from '../src/index.js';

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');
const clock = (date: Date) => `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;

/** The three HTTP-date forms of RFC 9110 §5.6.7 for one instant (whole seconds, UTC). */
const HTTP_DATE_FORMS = {
  'IMF-fixdate': (date: Date) => date.toUTCString(),
  'RFC 850': (date: Date) =>
    `${DAY_NAMES[date.getUTCDay()]}, ${two(date.getUTCDate())}-${MONTHS[date.getUTCMonth()]}-${two(date.getUTCFullYear() % 100)} ${clock(date)} GMT`,
  asctime: (date: Date) =>
    `${DAY_NAMES[date.getUTCDay()]!.slice(0, 3)} ${MONTHS[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2, ' ')} ${clock(date)} ${date.getUTCFullYear()}`,
} as const;

/**
 * "Now" anywhere from 2000 to 2040: RFC 850's two-digit years then mean the same century whichever
 * way they are read (RFC 9110's "within 50 years" rule and JavaScript's 50 pivot agree).
 */
const nowMs = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) });
const offsetMs = fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 });

/** Whole seconds from `now` to the HTTP-date `now + offset` names (dates have no fraction), at least 0. */
const expectedDateWait = (now: number, offset: number) => Math.max(0, Math.floor((now + offset) / 1000) * 1000 - now);

const garbage = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', ' ', '-1', '1e3', '0x10', 'NaN', 'Infinity', '1,5', '+5', '5s', 'soon', 'Mon', 'Mon 1', 'Monday'),
  fc.tuple(fc.constantFrom('Mon', 'Tue', 'Sun, ', 'Friday '), fc.string()).map(([day, rest]) => day + rest),
  fc.stringMatching(/^\d{1,400}$/),
);

const expectAWait = (wait: number | undefined) => {
  if (wait === undefined) return;
  expect(Number.isNaN(wait)).toBe(false);
  expect(wait).toBeGreaterThanOrEqual(0);
};

describe('parseRetryAfter (property)', () => {
  it('reads delay-seconds exactly, with whitespace around and fractions rounded to the millisecond', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom('', ' ', '\t', '  '),
        nowMs,
        (seconds, millis, pad, now) => {
          expect(parseRetryAfter(`${pad}${seconds}${pad}`, now)).toBe(seconds * 1000);
          expect(parseRetryAfter(`${seconds}.${String(millis).padStart(3, '0')}`, now)).toBe(seconds * 1000 + millis);
        },
      ),
    );
  });

  it('reads an IMF-fixdate around now as the whole seconds until it, a past one as 0', () => {
    fc.assert(
      fc.property(nowMs, offsetMs, (now, offset) => {
        const wait = parseRetryAfter(HTTP_DATE_FORMS['IMF-fixdate'](new Date(now + offset)), now);
        expect(wait).toBe(expectedDateWait(now, offset));
      }),
    );
  });

  it('never answers a negative wait or NaN, whatever the header says', () => {
    fc.assert(
      fc.property(garbage, nowMs, (value, now) => {
        expectAWait(parseRetryAfter(value, now));
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees between delay-seconds and the same moment as an HTTP-date', () => {
    fc.assert(
      fc.property(
        nowMs.map((ms) => Math.floor(ms / 1000) * 1000),
        fc.integer({ min: 0, max: 86_400 }),
        (now, seconds) => {
          const asDate = parseRetryAfter(HTTP_DATE_FORMS['IMF-fixdate'](new Date(now + seconds * 1000)), now);
          expect(asDate).toBe(parseRetryAfter(String(seconds), now));
        },
      ),
    );
  });

  describe('in a time zone other than UTC', () => {
    // HTTP-dates are always UTC; a parser that reads any form as local time is off by hours here.
    const zone = process.env.TZ;
    beforeAll(() => {
      process.env.TZ = 'America/New_York';
    });
    afterAll(() => {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    });

    for (const [form, format] of Object.entries(HTTP_DATE_FORMS)) {
      it(`reads the ${form} form as UTC, agreeing with delay-seconds`, () => {
        expect(new Date(Date.UTC(2026, 0, 5)).getHours()).not.toBe(0); // the zone took effect
        fc.assert(
          fc.property(
            nowMs.map((ms) => Math.floor(ms / 1000) * 1000),
            fc.integer({ min: 0, max: 86_400 }),
            (now, seconds) => {
              expect(parseRetryAfter(format(new Date(now + seconds * 1000)), now)).toBe(seconds * 1000);
            },
          ),
        );
      });
    }
  });
});

describe('the client waiting as Retry-After says (property)', () => {
  const MAX_RETRY_AFTER_MS = 40;
  const headerValue = fc.oneof(
    fc.integer({ min: 0, max: 200 }).map((ms) => (ms / 1000).toFixed(3)),
    fc.integer({ min: 0, max: 100_000 }).map(String),
    fc.integer({ min: -5, max: 5 }).map((seconds) => new Date(Date.now() + seconds * 1000).toUTCString()),
    // What a Headers object can carry: visible ASCII, spaces and tabs inside.
    fc.stringMatching(/^[\x21-\x7e]([\x20-\x7e\t]{0,20}[\x21-\x7e])?$/),
  );

  /** A fetch that answers the first request 429 with `retryAfter`, the next ones with no roles. */
  const fetchAnswering429Once = (retryAfter: string): typeof globalThis.fetch => {
    let calls = 0;
    return async () => {
      calls++;
      if (calls === 1) {
        return new Response(
          JSON.stringify({ fingerprint: 'f', errors: [{ code: 'RATE_LIMITED', message: 'later' }] }),
          {
            status: 429,
            headers: { 'content-type': 'application/json', 'retry-after': retryAfter },
          },
        );
      }
      return new Response('[]', { status: 200, headers: { 'content-type': 'application/json' } });
    };
  };

  it('waits between 0 and maxRetryAfter, or fails at once when asked for longer; delay-seconds are waited exactly', async () => {
    await fc.assert(
      fc.asyncProperty(headerValue, async (retryAfter) => {
        const retries: Array<RetryEvent> = [];
        const client = await Effect.runPromise(
          TransactionLink.make({
            token: `tot_${'a'.repeat(52)}`,
            baseUrl: 'http://127.0.0.1:9',
            fetch: fetchAnswering429Once(retryAfter),
            retry: { retries: 1, baseDelay: '1 millis', maxDelay: '5 millis', maxRetryAfter: MAX_RETRY_AFTER_MS },
            observer: { onRetry: (event) => retries.push(event) },
          }),
        );
        const outcome = await Effect.runPromise(Effect.either(client.roles.list()));
        const parsed = parseRetryAfter(retryAfter, Date.now());
        if (Either.isRight(outcome)) {
          expect(retries).toHaveLength(1);
          const { delayMs } = retries[0]!;
          expect(Number.isFinite(delayMs)).toBe(true);
          expect(delayMs).toBeGreaterThanOrEqual(0);
          expect(delayMs).toBeLessThanOrEqual(MAX_RETRY_AFTER_MS);
          if (/^\s*\d+(\.\d+)?\s*$/.test(retryAfter)) expect(delayMs).toBe(parsed);
        } else {
          // Asked for longer than the client may wait: no retry, the wait asked for on the error.
          expect(outcome.left).toBeInstanceOf(RateLimited);
          expect(retries).toEqual([]);
          expect(outcome.left).toMatchObject({ attempts: 1 });
          expect((outcome.left as RateLimited).retryAfterMs).toBeGreaterThan(MAX_RETRY_AFTER_MS);
        }
      }),
      { numRuns: 150 },
    );
  });
});
