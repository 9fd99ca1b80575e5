/**
 * Token bucket on the wall clock (clients wait in real time): `burst` requests at once, refilled
 * at `requestsPerSecond`.
 */

/** The bucket as one request left it: what an API reports in its rate-limit headers. */
export interface RateLimitState {
  /** This request was refused. */
  readonly limited: boolean;
  /** Requests allowed at once (the bucket size). */
  readonly limit: number;
  /** Whole requests allowed right now, after this one. */
  readonly remaining: number;
  /** Wall-clock epoch ms at which the bucket is full again (now when it is full). */
  readonly resetAt: number;
  /** Seconds until one request is allowed again; 0 unless `limited`. */
  readonly waitSeconds: number;
}

export class RateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private readonly requestsPerSecond: number,
    private readonly burst: number,
    private readonly clock: () => number = () => performance.now(),
    private readonly wallClock: () => number = () => Date.now(),
  ) {
    this.tokens = burst;
    this.last = clock();
  }

  /** Takes a token if there is one. */
  take(): RateLimitState {
    const now = this.clock();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.requestsPerSecond);
    this.last = now;
    const limited = this.tokens < 1;
    if (!limited) this.tokens -= 1;
    return {
      limited,
      limit: this.burst,
      remaining: Math.floor(this.tokens),
      resetAt: this.wallClock() + ((this.burst - this.tokens) / this.requestsPerSecond) * 1000,
      waitSeconds: limited ? (1 - this.tokens) / this.requestsPerSecond : 0,
    };
  }
}
