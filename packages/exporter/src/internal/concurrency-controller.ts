/**
 * How many requests an export keeps in flight, learnt from the API's answers instead of fixed:
 * `--concurrency` is only the ceiling.
 *
 * - Slow start: from 4 in flight, one more per answered request (doubling every round trip) while
 *   latency holds and nothing is refused; past the first back-off, one more per round trip (AIMD).
 * - Latency gradient: when the smoothed latency climbs past twice the lowest seen lately, the
 *   server is queueing; the window shrinks by a tenth, at most once per round trip.
 * - 429 and 503 halve the window, at most once per round trip (one refusal is one congestion
 *   signal, however many requests were in flight when it came).
 * - A rate limit without headers (TransactionLink answers 429 + `Retry-After` only) is measured
 *   in two phases: the first 429 means the server's token bucket is empty; after a short pause,
 *   requests go on until one is refused again, so the bucket is empty at both ends, and the
 *   requests it let through in between, over the time between, are its refill rate. From then
 *   on requests start paced at 95 % of that rate, which creeps up by 1 % a second while no 429
 *   comes and drops by a tenth (with a hard pause for `Retry-After`) when one does.
 * - Hard limits: `Retry-After` on a 503 holds every new request until it has passed; the refused
 *   request itself is retried by the client no sooner than its `Retry-After`. A quota announced
 *   in `X-RateLimit-Remaining`/`X-RateLimit-Reset` (GitBook) is never overdrawn: once it is
 *   spent, no request starts until the reset.
 */
import type { FlightStats } from '../source.js';

/** What one answered (or failed) request tells the controller. */
export interface RequestOutcome {
  /** The HTTP status; 0 when no answer came (network failure, abort). */
  readonly status: number;
  /** When the request started, on the controller's clock. */
  readonly startedAt: number;
  /** `Retry-After`, in ms from now, when the answer had one. */
  readonly retryAfterMs?: number | undefined;
  /** `X-RateLimit-Remaining` and `X-RateLimit-Reset` (on the controller's clock), when the answer had both. */
  readonly quota?: { readonly remaining: number; readonly resetAt: number } | undefined;
}

const INITIAL_WINDOW = 4;
/** The smoothed latency over the lowest seen lately that means the server is queueing. */
const QUEUEING_RATIO = 2;
/** Added to the latency floor, so a 1 ms round trip on loopback does not read jitter as queueing. */
const QUEUEING_SLACK_MS = 5;
const LATENCY_SMOOTHING = 0.2;
/** The lowest latency is forgotten after this long, so a server that got slower for good is learnt. */
const LATENCY_FLOOR_WINDOW_MS = 5_000;
/** After the first 429: how long to hold every request before measuring the refill rate. */
const PROBE_PAUSE_MS = 200;
const PACE_SHARE = 0.95;
const PACE_GROWTH_PER_SECOND = 1.01;
const PACE_CUT = 0.9;

type RateLimitPhase =
  | { readonly name: 'unknown' }
  | {
      readonly name: 'measuring';
      /** When the first refused request started: the bucket was empty when it arrived. */
      readonly emptyAt: number;
      /** When the pause after it ends. */
      readonly since: number;
      /** Requests started after `emptyAt` that the server let through. */
      passed: number;
    }
  | { readonly name: 'paced'; requestsPerSecond: number; lastGrowthAt: number; readonly since: number };

export class ConcurrencyController {
  #window: number;
  #threshold: number;
  #inFlight = 0;
  #lastStartAt = Number.NEGATIVE_INFINITY;
  #pausedUntil = Number.NEGATIVE_INFINITY;
  #lastDecreaseAt = Number.NEGATIVE_INFINITY;
  #smoothedLatency: number | undefined;
  #latencyFloor = { current: Number.POSITIVE_INFINITY, previous: Number.POSITIVE_INFINITY, since: 0 };
  #quota: { remaining: number; resetAt: number } | undefined;
  #phase: RateLimitPhase = { name: 'unknown' };
  #peak = 0;
  #busyMs = 0;
  #inFlightMs = 0;
  #lastChangeAt: number | undefined;
  #rateLimited = 0;
  #unavailable = 0;

  constructor(
    readonly ceiling: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!Number.isInteger(ceiling) || ceiling < 1)
      throw new RangeError(`ceiling must be a whole number >= 1: ${ceiling}`);
    this.#window = Math.min(INITIAL_WINDOW, ceiling);
    this.#threshold = ceiling;
    this.#latencyFloor.since = now();
  }

  /** Requests allowed in flight now. */
  get limit(): number {
    return Math.max(1, Math.min(this.ceiling, Math.floor(this.#window)));
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /** The pace requests start at, once a rate limit has been measured (requests a second). */
  get pace(): number | undefined {
    return this.#phase.name === 'paced' ? this.#phase.requestsPerSecond : undefined;
  }

  /**
   * 0 when a request may start now; otherwise how many ms to wait before asking again, or
   * `Infinity` when the window is full (ask again when a request finishes).
   */
  delayBeforeStart(): number {
    const now = this.now();
    if (now < this.#pausedUntil) return this.#pausedUntil - now;
    if (this.#quota !== undefined) {
      if (now >= this.#quota.resetAt) this.#quota = undefined;
      else if (this.#quota.remaining <= 0) return this.#quota.resetAt - now;
    }
    if (this.#inFlight >= this.limit) return Number.POSITIVE_INFINITY;
    if (this.#phase.name === 'paced') {
      const next = this.#lastStartAt + 1000 / this.#phase.requestsPerSecond;
      if (now < next) return next - now;
    }
    return 0;
  }

  /** A request starts (after `delayBeforeStart()` said 0). */
  started(): void {
    const now = this.now();
    this.#account(now);
    this.#inFlight++;
    this.#peak = Math.max(this.#peak, this.#inFlight);
    this.#lastStartAt = now;
    if (this.#quota !== undefined) this.#quota.remaining--;
  }

  /** A request that `started()` has its answer, or failed without one. */
  finished(outcome: RequestOutcome): void {
    const now = this.now();
    this.#account(now);
    this.#inFlight--;
    if (outcome.quota !== undefined) {
      // The answer counts itself; requests started since may not be counted yet.
      this.#quota = { remaining: outcome.quota.remaining - this.#inFlight, resetAt: outcome.quota.resetAt };
    }
    if (outcome.status === 429) this.#refused(outcome, now);
    else if (outcome.status === 503) {
      this.#unavailable++;
      if (outcome.retryAfterMs !== undefined)
        this.#pausedUntil = Math.max(this.#pausedUntil, now + outcome.retryAfterMs);
      this.#decrease(now, 0.5);
    } else if (outcome.status === 0 || outcome.status >= 500) this.#decrease(now, 0.5);
    else this.#answered(outcome, now);
  }

  stats(): FlightStats {
    this.#account(this.now());
    return {
      ceiling: this.ceiling,
      peakInFlight: this.#peak,
      meanInFlight: this.#busyMs === 0 ? 0 : Math.round((this.#inFlightMs / this.#busyMs) * 100) / 100,
      rateLimited: this.#rateLimited,
      unavailable: this.#unavailable,
    };
  }

  #answered(outcome: RequestOutcome, now: number): void {
    const latency = now - outcome.startedAt;
    this.#observeLatency(latency, now);
    const phase = this.#phase;
    if (phase.name === 'measuring' && outcome.startedAt > phase.emptyAt) phase.passed++;
    if (phase.name === 'paced' && now - phase.lastGrowthAt >= 1000 && now - phase.since >= 1000) {
      phase.requestsPerSecond *= PACE_GROWTH_PER_SECOND;
      phase.lastGrowthAt = now;
    }
    const floor = Math.min(this.#latencyFloor.current, this.#latencyFloor.previous);
    if (this.#smoothedLatency !== undefined && this.#smoothedLatency > floor * QUEUEING_RATIO + QUEUEING_SLACK_MS) {
      this.#decrease(now, 0.9);
      return;
    }
    this.#window = Math.min(
      this.ceiling,
      this.#window < this.#threshold ? this.#window + 1 : this.#window + 1 / this.#window,
    );
  }

  #refused(outcome: RequestOutcome, now: number): void {
    this.#rateLimited++;
    const phase = this.#phase;
    if (phase.name === 'unknown') {
      this.#phase = { name: 'measuring', emptyAt: outcome.startedAt, since: now + PROBE_PAUSE_MS, passed: 0 };
      this.#pausedUntil = Math.max(this.#pausedUntil, now + PROBE_PAUSE_MS);
    } else if (phase.name === 'measuring' && outcome.startedAt >= phase.since) {
      // Both refused requests met an empty bucket on arrival (half a round trip after they
      // started): what it let through in between is what it refilled.
      const seconds = (outcome.startedAt - phase.emptyAt) / 1000;
      const measured = Math.max(1, phase.passed) / seconds;
      this.#phase = { name: 'paced', requestsPerSecond: measured * PACE_SHARE, lastGrowthAt: now, since: now };
    } else if (phase.name === 'paced' && outcome.startedAt >= phase.since) {
      phase.requestsPerSecond = Math.max(0.5, phase.requestsPerSecond * PACE_CUT);
      phase.lastGrowthAt = now;
      if (outcome.retryAfterMs !== undefined)
        this.#pausedUntil = Math.max(this.#pausedUntil, now + outcome.retryAfterMs);
    }
    this.#decrease(now, 0.5);
  }

  /** Shrinks the window by `factor`, once per round trip. */
  #decrease(now: number, factor: number): void {
    const roundTrip = this.#smoothedLatency ?? 0;
    if (now - this.#lastDecreaseAt < roundTrip) return;
    this.#lastDecreaseAt = now;
    this.#window = Math.max(1, this.#window * factor);
    this.#threshold = this.#window;
  }

  #observeLatency(latency: number, now: number): void {
    this.#smoothedLatency =
      this.#smoothedLatency === undefined
        ? latency
        : this.#smoothedLatency + LATENCY_SMOOTHING * (latency - this.#smoothedLatency);
    const floor = this.#latencyFloor;
    if (now - floor.since >= LATENCY_FLOOR_WINDOW_MS) {
      floor.previous = floor.current;
      floor.current = Number.POSITIVE_INFINITY;
      floor.since = now;
    }
    floor.current = Math.min(floor.current, latency);
  }

  /** Integrates requests in flight over time, for the mean. */
  #account(now: number): void {
    if (this.#lastChangeAt !== undefined && this.#inFlight > 0) {
      const elapsed = now - this.#lastChangeAt;
      this.#busyMs += elapsed;
      this.#inFlightMs += elapsed * this.#inFlight;
    }
    this.#lastChangeAt = now;
  }
}
