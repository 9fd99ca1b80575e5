/**
 * Streams over page-number paginated lists (Spring style: `{content, totalElements, totalPages,
 * size, number}`, `page` 0-based). Paging follows the server's answer, never the request: servers
 * clamp `size`, so later pages are asked with the effective size and counted by `totalPages`.
 */
import { Effect, Option, Stream } from 'effect';
import { PageDrift } from '../errors.js';

/** The fields of a page the paginator relies on; every one may be absent. */
export interface NumberedPage<A> {
  readonly content?: ReadonlyArray<A>;
  readonly totalElements?: number;
  readonly totalPages?: number;
  readonly size?: number;
}

/** How to page. */
export interface PagingOptions {
  /** What is listed, for PageDrift. */
  readonly entity: string;
  /** Page size to ask for; the server may clamp it. */
  readonly pageSize: number;
  /** Pages fetched at once after the first, at least 1. */
  readonly concurrency: number;
  /** Pages in page order (else the first, then each as it arrives); default true. */
  readonly ordered?: boolean;
}

const checkDrift =
  <P extends NumberedPage<unknown>>(entity: string, first: P, index: number) =>
  (page: P): Effect.Effect<P, PageDrift> =>
    first.totalElements !== undefined && page.totalElements !== undefined && page.totalElements !== first.totalElements
      ? Effect.fail(
          new PageDrift({ entity, expectedTotal: first.totalElements, actualTotal: page.totalElements, page: index }),
        )
      : Effect.succeed(page);

/**
 * Every page, in order unless `ordered` is false: page 0 with `pageSize`, then pages 1 …
 * totalPages−1 of the first answer with its effective `size`, up to `concurrency` at once. Fails
 * with PageDrift when a page's `totalElements` differs from the first's. Without `totalPages` in
 * the answer, pages are fetched one by one until one comes back short.
 */
export const pageNumberPages = <P extends NumberedPage<unknown>, E>(
  fetchPage: (page: number, size: number) => Effect.Effect<P, E>,
  options: PagingOptions,
): Stream.Stream<P, E | PageDrift> =>
  Stream.unwrap(
    Effect.map(fetchPage(0, options.pageSize), (first) => {
      const size = first.size !== undefined && first.size > 0 ? first.size : options.pageSize;
      const fetchChecked = (index: number) =>
        Effect.flatMap(fetchPage(index, size), checkDrift(options.entity, first, index));
      const rest =
        first.totalPages !== undefined
          ? Stream.range(1, first.totalPages - 1).pipe(
              Stream.mapEffect(fetchChecked, {
                concurrency: Math.max(1, Math.floor(options.concurrency)),
                unordered: options.ordered === false,
              }),
            )
          : Stream.unfoldEffect({ index: 1, previous: first }, ({ index, previous }) =>
              (previous.content?.length ?? 0) < size
                ? Effect.succeedNone
                : Effect.map(fetchChecked(index), (page) =>
                    Option.some([page, { index: index + 1, previous: page }] as const),
                  ),
            );
      return Stream.concat(Stream.succeed(first), rest);
    }),
  );
