import type { RateLimitWaitEvent, RetryEvent } from '@rollcall/client';
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { Chunk, Effect, Logger, LogLevel, Stream } from 'effect';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failureOf, faults, gitBookClientFor, seen } from './support.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({
    seed: 'client-gitbook-rate-limit',
    users: 5,
    gitbook: { members: 14, inviteLinks: 3 },
  });
});
afterAll(() => sandbox.close());
beforeEach(() => faults(sandbox, []));

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect);

interface Exchange {
  readonly sentAt: number;
  readonly status: number;
  readonly remaining: number;
  /** X-RateLimit-Reset in epoch ms. */
  readonly resetAt: number;
}

/** A fetch that notes when each request left and what the rate-limit headers of its answer said. */
const recordingFetch =
  (exchanges: Exchange[]): typeof globalThis.fetch =>
  async (input, init) => {
    const sentAt = Date.now();
    const response = await globalThis.fetch(input, init);
    exchanges.push({
      sentAt,
      status: response.status,
      remaining: Number(response.headers.get('x-ratelimit-remaining')),
      resetAt: Number(response.headers.get('x-ratelimit-reset')) * 1000,
    });
    return response;
  };

describe("GitBook's X-RateLimit-* headers", () => {
  it('a 429 waits until X-RateLimit-Reset (no Retry-After), then succeeds', async () => {
    await faults(sandbox, [], { rateLimit: { requestsPerSecond: 1, burst: 1 } });
    await run(gitBookClientFor(sandbox).members.list({ limit: 1 })); // another client spends the quota

    const exchanges: Exchange[] = [];
    const retries: RetryEvent[] = [];
    const client = gitBookClientFor(sandbox, {
      fetch: recordingFetch(exchanges),
      observer: { onRetry: (event) => retries.push(event) },
    });
    const page = await run(client.members.list({ limit: 1 }));
    expect(page.items).toHaveLength(1);
    expect(exchanges.map(({ status }) => status)).toEqual([429, 200]);
    expect(exchanges[0]!.remaining).toBe(0);
    expect(exchanges[1]!.sentAt).toBeGreaterThanOrEqual(exchanges[0]!.resetAt);
    expect(retries).toEqual([
      {
        method: 'GET',
        path: `/orgs/${sandbox.gitbook.organizationId}/members`,
        attempt: 1,
        delayMs: expect.any(Number),
        reason: 'HTTP 429',
      },
    ]);
    expect(retries[0]!.delayMs).toBeGreaterThan(0);
    expect(retries[0]!.delayMs).toBeLessThanOrEqual(2000);
  });

  it('after an answer with Remaining 0, the next request waits until Reset instead of getting a 429', async () => {
    await faults(sandbox, [], { rateLimit: { requestsPerSecond: 2, burst: 1 } });
    const exchanges: Exchange[] = [];
    const waits: RateLimitWaitEvent[] = [];
    const logs: string[] = [];
    const client = gitBookClientFor(sandbox, {
      fetch: recordingFetch(exchanges),
      observer: { onRateLimitWait: (event) => waits.push(event) },
    });
    const logger = Logger.make(({ message }) => logs.push(String(message)));
    await run(
      Effect.zip(client.members.list({ limit: 1 }), client.inviteLinks.list({ limit: 1 })).pipe(
        Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
        Logger.withMinimumLogLevel(LogLevel.Debug),
      ),
    );
    expect(exchanges.map(({ status }) => status)).toEqual([200, 200]);
    expect(exchanges[0]!.remaining).toBe(0);
    expect(exchanges[1]!.sentAt).toBeGreaterThanOrEqual(exchanges[0]!.resetAt);
    expect(waits).toEqual([
      {
        method: 'GET',
        path: `/orgs/${sandbox.gitbook.organizationId}/link-invites`,
        attempt: 1,
        delayMs: expect.any(Number),
      },
    ]);
    expect(logs).toEqual([
      expect.stringMatching(/link-invites: rate limit quota spent, waiting \d+ ms for it to reset$/),
    ]);
    expect((await seen(sandbox)).filter((line) => line.includes(' 429'))).toEqual([]);
  });

  it('streams every member through the limiter without a single 429', async () => {
    // A client ignoring the headers would get a 429 for the third page.
    await faults(sandbox, [], { rateLimit: { requestsPerSecond: 5, burst: 2 } });
    const retries: RetryEvent[] = [];
    const client = gitBookClientFor(sandbox, { observer: { onRetry: (event) => retries.push(event) } });
    const members = Chunk.toArray(await run(Stream.runCollect(client.members.stream({ limit: 5 }))));
    expect(members.map((member) => member.id)).toEqual(sandbox.control.gitbook.members().map((member) => member.id));
    expect(retries).toEqual([]);
    expect((await seen(sandbox)).every((line) => line.endsWith(' 200'))).toBe(true);
  });

  it('does not wait longer than maxRetryAfter: a Reset further away fails the call at once', async () => {
    await faults(sandbox, [], { rateLimit: { requestsPerSecond: 0.01, burst: 1 } });
    const waits: RateLimitWaitEvent[] = [];
    const client = gitBookClientFor(sandbox, {
      retry: { maxRetryAfter: '5 seconds' },
      observer: { onRateLimitWait: (event) => waits.push(event) },
    });
    await run(client.members.list({ limit: 1 })); // Remaining 0 until ~100 s from now
    const error = await failureOf(client.members.list({ limit: 1 }));
    expect(error).toMatchObject({ _tag: 'RateLimited', status: 429, attempts: 1 });
    expect((error as { retryAfterMs?: number }).retryAfterMs).toBeGreaterThan(5000);
    expect(waits).toEqual([]);
  });
});
