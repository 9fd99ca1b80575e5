/**
 * A fetch that lets a {@link ConcurrencyController} decide when each request starts, so
 * `--concurrency` is a ceiling and the requests in flight follow what the API can take, whatever
 * number of entities and pages are being fetched at once. A request waits until the controller
 * admits it; a freed place goes to the longest-waiting request of the first lane that has one,
 * so a source can let some lists go first.
 */
import type { FlightStats } from '../source.js';
import { ConcurrencyController, type RequestOutcome } from './concurrency-controller.js';

/** `Retry-After` as ms from now: delta-seconds or an HTTP-date. */
const retryAfterMs = (headers: Headers): number | undefined => {
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const seconds = Number(value);
  if (value.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
};

/** `X-RateLimit-Remaining` and `X-RateLimit-Reset` (UTC epoch seconds), the reset on the clock `now` reads. */
const quotaOf = (headers: Headers, now: number): RequestOutcome['quota'] => {
  const remaining = Number(headers.get('x-ratelimit-remaining') ?? Number.NaN);
  const reset = Number(headers.get('x-ratelimit-reset') ?? Number.NaN);
  if (!Number.isFinite(remaining) || !Number.isFinite(reset)) return undefined;
  return { remaining, resetAt: now + Math.max(0, reset * 1000 - Date.now()) };
};

export class FetchLimiter {
  readonly controller: ConcurrencyController;
  readonly #waiting: ReadonlyArray<Array<() => void>>;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly fetchFn: typeof globalThis.fetch,
    ceiling: number,
    lanes = 1,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.controller = new ConcurrencyController(ceiling, now);
    this.#waiting = Array.from({ length: lanes }, () => []);
  }

  /** A fetch through lane `index` (0 goes first). */
  lane(index: number): typeof globalThis.fetch {
    const waiting = this.#waiting[index];
    if (waiting === undefined) throw new Error(`FetchLimiter: no lane ${index}`);
    const limited = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        this.#admit();
      });
      const startedAt = this.now();
      let response: Response | undefined;
      try {
        response = await this.fetchFn(input, init);
        return response;
      } finally {
        const headers = response?.headers;
        this.controller.finished({
          status: response?.status ?? 0,
          startedAt,
          retryAfterMs: headers === undefined ? undefined : retryAfterMs(headers),
          quota: headers === undefined ? undefined : quotaOf(headers, this.now()),
        });
        this.#admit();
      }
    };
    return limited as typeof globalThis.fetch;
  }

  stats(): FlightStats {
    return this.controller.stats();
  }

  /** Starts waiting requests while the controller admits them; a timer when it asks to wait. */
  #admit(): void {
    for (;;) {
      const next = this.#waiting.find((lane) => lane.length > 0);
      if (next === undefined) return;
      const delay = this.controller.delayBeforeStart();
      if (delay === Number.POSITIVE_INFINITY) return;
      if (delay > 0) {
        if (this.#timer === undefined) {
          this.#timer = setTimeout(() => {
            this.#timer = undefined;
            this.#admit();
          }, Math.ceil(delay));
        }
        return;
      }
      this.controller.started();
      next.shift()?.();
    }
  }
}
