/**
 * An attempt's request is aborted whenever the call stops waiting for it: the fiber interrupted
 * (by the caller, a race, a timeout around the call, the client's own deadline) or the Promise
 * facade's signal. A fetch that never answers stands in for a server that hangs, and records the
 * signal of every request it is given.
 */
import { type Duration, Effect, Exit, Fiber } from 'effect';
import { describe, expect, it } from 'vitest';
import { Timeout, TransactionLink } from '../src/index.js';
import { createTransactionLink } from '../src/promise.js';

const token = `tot_${'a'.repeat(52)}`;
const baseUrl = 'http://127.0.0.1:9';

/** A fetch that answers only by failing once its request is aborted; `signals` holds each request's signal. */
const hangingFetch = () => {
  const signals: Array<AbortSignal> = [];
  const fetch: typeof globalThis.fetch = (input) => {
    const { signal } = input as Request;
    signals.push(signal);
    return new Promise((_resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  };
  return { fetch, signals };
};

const sentOne = async (signals: ReadonlyArray<AbortSignal>) => {
  for (let waited = 0; signals.length === 0 && waited < 2_000; waited += 5) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  expect(signals).toHaveLength(1);
  return signals[0] as AbortSignal;
};

const serviceWith = (fetch: typeof globalThis.fetch, deadline?: Duration.DurationInput) =>
  Effect.runSync(TransactionLink.make({ token, baseUrl, fetch, ...(deadline === undefined ? {} : { deadline }) }));

describe('an attempt in flight', () => {
  it('is aborted when the calling fiber is interrupted', async () => {
    const { fetch, signals } = hangingFetch();
    const fiber = Effect.runFork(serviceWith(fetch).roles.list());
    const signal = await sentOne(signals);
    expect(signal.aborted).toBe(false);
    const exit = await Effect.runPromise(Fiber.interrupt(fiber));
    expect(Exit.isInterrupted(exit)).toBe(true);
    expect(signal.aborted).toBe(true);
  });

  it('is aborted when a timeout around the call expires', async () => {
    const { fetch, signals } = hangingFetch();
    const exit = await Effect.runPromiseExit(Effect.timeout(serviceWith(fetch).roles.list(), '50 millis'));
    expect(Exit.isFailure(exit)).toBe(true);
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
  });

  it('is aborted when the loser of a race', async () => {
    const { fetch, signals } = hangingFetch();
    const winner = await Effect.runPromise(
      Effect.race(serviceWith(fetch).roles.list(), Effect.as(Effect.sleep('50 millis'), 'other')),
    );
    expect(winner).toBe('other');
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
  });

  it("is aborted when the client's deadline passes, which fails the call with Timeout", async () => {
    const { fetch, signals } = hangingFetch();
    const exit = await Effect.runPromiseExit(serviceWith(fetch, '50 millis').roles.list());
    expect(exit).toMatchObject({ _tag: 'Failure', cause: { error: expect.any(Timeout) } });
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
  });

  it("is aborted by the Promise facade's signal", async () => {
    const { fetch, signals } = hangingFetch();
    const controller = new AbortController();
    const pending = createTransactionLink({ token, baseUrl, fetch }).roles.list({ signal: controller.signal });
    const signal = await sentOne(signals);
    controller.abort(new Error('user cancelled'));
    await expect(pending).rejects.toThrow('user cancelled');
    expect(signal.aborted).toBe(true);
  });

  it('is not aborted once it has been answered', async () => {
    const signals: Array<AbortSignal> = [];
    const fetch: typeof globalThis.fetch = async (input) => {
      signals.push((input as Request).signal);
      return new Response('[]', { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const service = serviceWith(fetch);
    // The call's fiber ends after the answer: ending it must not reach back to the finished request.
    await expect(Effect.runPromise(service.roles.list())).resolves.toEqual([]);
    await expect(Effect.runPromise(service.roles.list())).resolves.toEqual([]);
    expect(signals.map((signal) => signal.aborted)).toEqual([false, false]);
  });
});
