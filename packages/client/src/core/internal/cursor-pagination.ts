/**
 * Cursor pagination: each page names the next one (`next.page`), so pages are fetched one after
 * another until a page names none.
 */
import { Effect, Option, Stream } from 'effect';
import type { CursorPage } from '../paging.js';

/**
 * Every page, in order: the first without a cursor, then each page's `next.page` until a page
 * has no `next`. A server that hands out the cursor it was just asked with would loop forever;
 * that page ends the stream instead.
 */
export const cursorPages = <P extends CursorPage<unknown>, E>(
  fetchPage: (cursor: string | undefined) => Effect.Effect<P, E>,
): Stream.Stream<P, E> =>
  Stream.paginateEffect(undefined as string | undefined, (cursor) =>
    Effect.map(fetchPage(cursor), (page) => {
      const next = page.next?.page;
      return [page, next === undefined || next === cursor ? Option.none() : Option.some(next)] as const;
    }),
  );
