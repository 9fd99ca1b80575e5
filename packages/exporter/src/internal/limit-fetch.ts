/**
 * A fetch that keeps at most `limit` requests in flight, so `--concurrency` bounds the load on the
 * API whatever number of entities and pages are being fetched at once. A permit is held until the
 * response headers arrive, then handed straight to the longest-waiting request.
 */
export const limitFetch = (fetchFn: typeof globalThis.fetch, limit: number): typeof globalThis.fetch => {
  let active = 0;
  const waiting: Array<() => void> = [];
  const limited = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    if (active < limit) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await fetchFn(input, init);
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
  return limited as typeof globalThis.fetch;
};
