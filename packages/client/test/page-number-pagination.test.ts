import { Chunk, Effect, Either, Option, Stream } from 'effect';
import { describe, expect, it } from 'vitest';
import { PageDrift } from '../src/core/errors.js';
import { type NumberedPage, pageNumberPages } from '../src/core/internal/page-number-pagination.js';

/** An in-memory list served like the API: `size` clamped to `maxSize`, page numbers 0-based. */
const serve = (rows: ReadonlyArray<number>, maxSize: number, options: { omitTotals?: boolean } = {}) => {
  const asked: Array<{ page: number; size: number }> = [];
  const fetchPage = (page: number, size: number) =>
    Effect.sync((): NumberedPage<number> => {
      asked.push({ page, size });
      const effective = Math.min(size, maxSize);
      const content = rows.slice(page * effective, (page + 1) * effective);
      return options.omitTotals
        ? { content, size: effective }
        : { content, size: effective, totalElements: rows.length, totalPages: Math.ceil(rows.length / effective) };
    });
  return { fetchPage, asked };
};

const collect = <A, E>(stream: Stream.Stream<NumberedPage<A>, E>) =>
  Effect.runPromise(Stream.runCollect(stream)).then((pages) =>
    Chunk.toArray(pages).flatMap((page) => page.content ?? []),
  );

const rows = Array.from({ length: 23 }, (_, i) => i);

describe('page-number pagination', () => {
  it('follows the clamped size of the answer, not the size asked for', async () => {
    const { fetchPage, asked } = serve(rows, 5);
    expect(await collect(pageNumberPages(fetchPage, { entity: 'rows', pageSize: 100, concurrency: 1 }))).toEqual(rows);
    expect(asked).toEqual([{ page: 0, size: 100 }, ...[1, 2, 3, 4].map((page) => ({ page, size: 5 }))]);
  });

  it('keeps page order with concurrent fetches that finish out of order', async () => {
    const { fetchPage } = serve(rows, 3);
    const slowEarlyPages = (page: number, size: number) =>
      fetchPage(page, size).pipe(Effect.delay(`${(10 - page) * 3} millis`));
    const stream = pageNumberPages(slowEarlyPages, { entity: 'rows', pageSize: 3, concurrency: 4 });
    expect(await collect(stream)).toEqual(rows);
  });

  it('unordered, gives each page as it arrives, so a slow page holds up no other', async () => {
    const { fetchPage } = serve(rows, 3);
    const arrived: Array<number> = [];
    const slowPageTwo = (page: number, size: number) =>
      fetchPage(page, size).pipe(
        Effect.delay(page === 2 ? '60 millis' : '1 millis'),
        Effect.tap(() => Effect.sync(() => arrived.push(page))),
      );
    const stream = pageNumberPages(slowPageTwo, { entity: 'rows', pageSize: 3, concurrency: 2, ordered: false });
    const pages = Chunk.toArray(await Effect.runPromise(Stream.runCollect(stream)));
    // Page 0 first; with two in flight, pages 3 … 7 pass page 2 while it is held up.
    expect(pages[0]!.content).toEqual([0, 1, 2]);
    expect(pages.at(-1)!.content).toEqual([6, 7, 8]);
    expect(arrived.at(-1)).toBe(2);
    expect(pages.flatMap((page) => page.content ?? []).sort((a, b) => a - b)).toEqual(rows);
  });

  it('unordered, keeps at most `concurrency` pages in flight and fails with the first failing page', async () => {
    const { fetchPage } = serve(rows, 3);
    let inFlight = 0;
    let peak = 0;
    const tracked = (page: number, size: number) =>
      Effect.acquireUseRelease(
        Effect.sync(() => {
          inFlight++;
          peak = Math.max(peak, inFlight);
        }),
        () =>
          page === 5 ? Effect.fail('page 5 failed' as const) : fetchPage(page, size).pipe(Effect.delay('2 millis')),
        () => Effect.sync(() => inFlight--),
      );
    const stream = pageNumberPages(tracked, { entity: 'rows', pageSize: 3, concurrency: 3, ordered: false });
    const result = await Effect.runPromise(Effect.either(Stream.runDrain(stream)));
    expect(Either.getLeft(result)).toEqual(Option.some('page 5 failed'));
    expect(peak).toBe(3);
    expect(inFlight).toBe(0);
  });

  it('reads an empty list as one empty page', async () => {
    const { fetchPage, asked } = serve([], 5);
    expect(await collect(pageNumberPages(fetchPage, { entity: 'rows', pageSize: 5, concurrency: 2 }))).toEqual([]);
    expect(asked).toHaveLength(1);
  });

  it('without totalPages, pages on until a short page', async () => {
    const { fetchPage, asked } = serve(rows.slice(0, 10), 5, { omitTotals: true });
    expect(await collect(pageNumberPages(fetchPage, { entity: 'rows', pageSize: 5, concurrency: 3 }))).toEqual(
      rows.slice(0, 10),
    );
    expect(asked.map(({ page }) => page)).toEqual([0, 1, 2]);
  });

  it('fails with PageDrift when totalElements changes between pages', async () => {
    let total = 12;
    const fetchPage = (page: number, size: number) =>
      Effect.sync((): NumberedPage<number> => {
        const answer = { content: [page], size, totalElements: total, totalPages: Math.ceil(total / size) };
        total += 1; // a row is added after every page
        return answer;
      });
    const result = await Effect.runPromise(
      Effect.either(Stream.runDrain(pageNumberPages(fetchPage, { entity: 'users', pageSize: 4, concurrency: 1 }))),
    );
    expect(Either.getLeft(result).pipe((left) => left._tag === 'Some' && left.value)).toEqual(
      new PageDrift({ entity: 'users', expectedTotal: 12, actualTotal: 13, page: 1 }),
    );
  });
});
