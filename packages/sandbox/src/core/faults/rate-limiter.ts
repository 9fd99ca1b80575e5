/**
 * Token bucket on the wall clock (clients wait in real time): `burst` requests at once, refilled
 * at `requestsPerSecond`.
 */
export class RateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private readonly requestsPerSecond: number,
    private readonly burst: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = clock();
  }

  /** Takes a token: `undefined` when allowed, else the seconds until one is available (> 0). */
  take(): number | undefined {
    const now = this.clock();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.requestsPerSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return undefined;
    }
    return (1 - this.tokens) / this.requestsPerSecond;
  }
}
