/**
 * A fetch that keeps at most `limit` requests in flight, so `--concurrency` bounds the load on the
 * API whatever number of entities and pages are being fetched at once. A permit is held until the
 * response headers arrive, then handed straight to a waiting request: the longest-waiting one of
 * the first lane that has one, so a source can let some lists go first.
 */
export class FetchLimiter {
  #active = 0;
  readonly #waiting: ReadonlyArray<Array<() => void>>;

  constructor(
    readonly fetchFn: typeof globalThis.fetch,
    readonly limit: number,
    lanes = 1,
  ) {
    this.#waiting = Array.from({ length: lanes }, () => []);
  }

  /** A fetch through lane `index` (0 goes first). */
  lane(index: number): typeof globalThis.fetch {
    const waiting = this.#waiting[index];
    if (waiting === undefined) throw new Error(`FetchLimiter: no lane ${index}`);
    const limited = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
      if (this.#active < this.limit) this.#active++;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await this.fetchFn(input, init);
      } finally {
        this.#release();
      }
    };
    return limited as typeof globalThis.fetch;
  }

  #release(): void {
    for (const waiting of this.#waiting) {
      const next = waiting.shift();
      if (next !== undefined) {
        next();
        return;
      }
    }
    this.#active--;
  }
}
