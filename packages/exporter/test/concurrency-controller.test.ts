import { describe, expect, it } from 'vitest';
import { ConcurrencyController } from '../src/internal/concurrency-controller.js';

/** A server in simulated time: fixed latency, optionally a token bucket that answers 429 + Retry-After. */
interface SimulatedServer {
  readonly latencyMs: number;
  readonly rateLimit?: { readonly perSecond: number; readonly burst: number };
  /** Extra latency per request in flight above this many (a server that queues). */
  readonly queueAbove?: number;
}

interface SimulationResult {
  readonly elapsedMs: number;
  readonly refused: number;
  readonly peak: number;
  readonly controller: ConcurrencyController;
}

/**
 * Sends `requests` requests through the controller to `server` in simulated time; a refused one
 * is sent again after its `Retry-After` (whole seconds >= 1, as the sandbox says), as the client does.
 */
const simulate = (requests: number, ceiling: number, server: SimulatedServer): SimulationResult => {
  let now = 0;
  const controller = new ConcurrencyController(ceiling, () => now);
  const bucket = server.rateLimit && { tokens: server.rateLimit.burst, at: 0 };
  const ready: Array<number> = Array.from({ length: requests }, () => 0);
  const answers: Array<{ at: number; startedAt: number; status: number; retryAfterMs?: number }> = [];
  let refused = 0;
  let done = 0;
  let inFlight = 0;
  let peak = 0;
  const take = (at: number): { ok: boolean; waitMs: number } => {
    if (!bucket || !server.rateLimit) return { ok: true, waitMs: 0 };
    const { perSecond, burst } = server.rateLimit;
    bucket.tokens = Math.min(burst, bucket.tokens + ((at - bucket.at) / 1000) * perSecond);
    bucket.at = at;
    if (bucket.tokens >= 1) {
      bucket.tokens--;
      return { ok: true, waitMs: 0 };
    }
    return { ok: false, waitMs: ((1 - bucket.tokens) / perSecond) * 1000 };
  };
  while (done < requests) {
    if (now > 600_000) throw new Error('simulation did not finish');
    answers.sort((a, b) => a.at - b.at);
    while (answers.length > 0 && answers[0]!.at <= now) {
      const answer = answers.shift()!;
      inFlight--;
      controller.finished(answer);
      if (answer.status === 429) ready.push(now + answer.retryAfterMs!);
      else done++;
    }
    ready.sort((a, b) => a - b);
    const delay = controller.delayBeforeStart();
    if (delay === 0 && ready.length > 0 && ready[0]! <= now) {
      ready.shift();
      controller.started();
      inFlight++;
      peak = Math.max(peak, inFlight);
      const latency = server.latencyMs + Math.max(0, inFlight - (server.queueAbove ?? Number.POSITIVE_INFINITY)) * 2;
      const decision = take(now + latency / 2);
      if (decision.ok) answers.push({ at: now + latency, startedAt: now, status: 200 });
      else {
        refused++;
        const retryAfterMs = Math.max(1, Math.ceil(decision.waitMs / 1000)) * 1000;
        answers.push({ at: now + latency, startedAt: now, status: 429, retryAfterMs });
      }
      continue;
    }
    const next = Math.min(
      answers[0]?.at ?? Number.POSITIVE_INFINITY,
      delay > 0 && Number.isFinite(delay) ? now + delay : Number.POSITIVE_INFINITY,
      ready[0] !== undefined && ready[0] > now ? ready[0] : Number.POSITIVE_INFINITY,
    );
    now = Number.isFinite(next) ? Math.max(now + 0.001, next) : now + 1;
  }
  return { elapsedMs: now, refused, peak, controller };
};

describe('ConcurrencyController', () => {
  it('starts at 4 in flight and grows to the ceiling while latency holds and nothing is refused', () => {
    const controller = new ConcurrencyController(16, () => 0);
    expect(controller.limit).toBe(4);
    const result = simulate(300, 16, { latencyMs: 20 });
    expect(result.peak).toBe(16);
    // 300 requests at 16 × 20 ms would take 375 ms; slow start costs a few round trips more.
    expect(result.elapsedMs).toBeLessThan(500);
    expect(result.controller.stats()).toMatchObject({ ceiling: 16, peakInFlight: 16, rateLimited: 0 });
  });

  it('never goes past a ceiling below 4', () => {
    const result = simulate(50, 2, { latencyMs: 20 });
    expect(result.peak).toBe(2);
  });

  it('backs off when latency rises with the requests in flight (a server that queues)', () => {
    const result = simulate(600, 64, { latencyMs: 20, queueAbove: 8 });
    // Past 8 in flight each request adds 2 ms: at 28 in flight latency would double. Slow start
    // may overshoot for a round trip or two; the window it settles at, and the mean, stay below.
    expect(result.controller.limit).toBeLessThan(28);
    expect(result.controller.stats().meanInFlight).toBeLessThan(28);
  });

  it('measures a rate limit given only by 429s and paces just under it', () => {
    const result = simulate(1000, 16, { latencyMs: 20, rateLimit: { perSecond: 200, burst: 50 } });
    const pace = result.controller.pace;
    expect(pace).toBeDefined();
    expect(pace!).toBeGreaterThan(200 * 0.9);
    expect(pace!).toBeLessThan(200);
    // The floor as the bench states it: requests ÷ limit.
    expect(result.elapsedMs).toBeLessThan((1000 / 200) * 1000 * 1.1);
    // Only the volley in flight when the burst ran out was refused, not a 429 after pacing began.
    expect(result.refused).toBeLessThanOrEqual(16);
    expect(result.controller.stats().rateLimited).toBe(result.refused);
  });

  it('finishes a 50/s limit within reach of its floor, no request lost', () => {
    const result = simulate(300, 16, { latencyMs: 20, rateLimit: { perSecond: 50, burst: 50 } });
    expect(result.elapsedMs).toBeLessThan((300 / 50) * 1000 * 1.1);
    expect(result.controller.pace).toBeLessThan(50);
  });

  it('halves the window once for a volley of 429s in one round trip', () => {
    let now = 0;
    const controller = new ConcurrencyController(16, () => now);
    for (let i = 0; i < 12; i++) {
      controller.started();
      now += 1;
      controller.finished({ status: 200, startedAt: now - 20 });
    }
    const before = controller.limit;
    for (let i = 0; i < 8; i++) controller.started();
    for (let i = 0; i < 8; i++) controller.finished({ status: 429, startedAt: now, retryAfterMs: 1000 });
    expect(controller.limit).toBe(Math.floor(before / 2));
    expect(controller.stats().rateLimited).toBe(8);
  });

  it('holds every request while a 503 says Retry-After', () => {
    let now = 0;
    const controller = new ConcurrencyController(16, () => now);
    controller.started();
    now = 20;
    controller.finished({ status: 503, startedAt: 0, retryAfterMs: 2000 });
    expect(controller.delayBeforeStart()).toBe(2000);
    now = 2020;
    expect(controller.delayBeforeStart()).toBe(0);
    expect(controller.stats().unavailable).toBe(1);
  });

  it('never overdraws an X-RateLimit quota: once it is spent nothing starts before the reset', () => {
    let now = 0;
    const controller = new ConcurrencyController(16, () => now);
    controller.started();
    now = 20;
    controller.finished({ status: 200, startedAt: 0, quota: { remaining: 2, resetAt: 5000 } });
    controller.started();
    controller.started();
    expect(controller.delayBeforeStart()).toBe(4980);
    now = 5000;
    expect(controller.delayBeforeStart()).toBe(0);
  });

  it('reports the time-weighted mean in flight', () => {
    let now = 0;
    const controller = new ConcurrencyController(4, () => now);
    controller.started();
    controller.started();
    now = 10;
    controller.finished({ status: 200, startedAt: 0 });
    now = 20;
    controller.finished({ status: 200, startedAt: 0 });
    // 2 in flight for 10 ms, then 1 for 10 ms.
    expect(controller.stats()).toMatchObject({ peakInFlight: 2, meanInFlight: 1.5 });
  });
});
