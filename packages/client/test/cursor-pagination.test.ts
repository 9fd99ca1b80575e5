import { Chunk, Effect, Stream } from 'effect';
import { describe, expect, it } from 'vitest';
import { cursorPages } from '../src/core/internal/cursor-pagination.js';
import type { CursorPage } from '../src/core/paging.js';

/** An in-memory list served like GitBook: opaque cursors, `next` on every page but the last. */
const serve = (items: ReadonlyArray<number>, limit: number) => {
  const cursors: Array<string | undefined> = [];
  const cursorFor = (offset: number) => `c${(offset * 7919).toString(36)}`;
  const fetchPage = (cursor: string | undefined) =>
    Effect.sync((): CursorPage<number> => {
      cursors.push(cursor);
      const offset = cursor === undefined ? 0 : items.findIndex((_, i) => cursorFor(i) === cursor);
      if (offset < 0) throw new Error(`unknown cursor ${cursor}`);
      const end = offset + limit;
      return {
        items: items.slice(offset, end),
        count: items.length,
        ...(end < items.length ? { next: { page: cursorFor(end) } } : {}),
      };
    });
  return { fetchPage, cursors };
};

const collect = <E>(stream: Stream.Stream<CursorPage<number>, E>) =>
  Effect.runPromise(Stream.runCollect(stream)).then((pages) => Chunk.toArray(pages).flatMap((page) => page.items));

describe('cursor pagination', () => {
  it('follows next.page from the first page to the last, every item once, in order', async () => {
    const items = Array.from({ length: 23 }, (_, i) => i);
    const { fetchPage, cursors } = serve(items, 5);
    expect(await collect(cursorPages(fetchPage))).toEqual(items);
    expect(cursors).toHaveLength(5);
    expect(cursors[0]).toBeUndefined();
    expect(new Set(cursors).size).toBe(5);
  });

  it('makes one request for a list that fits on one page, or is empty', async () => {
    for (const items of [[1, 2, 3], []]) {
      const { fetchPage, cursors } = serve(items, 5);
      expect(await collect(cursorPages(fetchPage))).toEqual(items);
      expect(cursors).toEqual([undefined]);
    }
  });

  it('fetches a page only when the stream needs it', async () => {
    const { fetchPage, cursors } = serve(
      Array.from({ length: 50 }, (_, i) => i),
      10,
    );
    const firstTwelve = await Effect.runPromise(
      Stream.runCollect(
        cursorPages(fetchPage).pipe(
          Stream.mapConcat((page) => page.items),
          Stream.take(12),
        ),
      ),
    );
    expect(Chunk.toArray(firstTwelve)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(cursors).toHaveLength(2);
  });

  it('ends instead of looping when a server hands back the cursor it was asked with', async () => {
    let calls = 0;
    const stuck = (cursor: string | undefined) =>
      Effect.sync((): CursorPage<number> => {
        calls += 1;
        return { items: [calls], next: { page: cursor ?? 'same' } };
      });
    expect(await collect(cursorPages(stuck))).toEqual([1, 2]);
  });

  it('fails with the error of the page that failed', async () => {
    const failing = (cursor: string | undefined) =>
      cursor === undefined ? Effect.succeed({ items: [1], next: { page: 'p2' } }) : Effect.fail('boom' as const);
    const result = await Effect.runPromise(Effect.either(Stream.runCollect(cursorPages(failing))));
    expect(result).toMatchObject({ _tag: 'Left', left: 'boom' });
  });
});
