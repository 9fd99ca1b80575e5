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
 * Pages `from` … `to` as they arrive, fetched by `workers` fibers that each take the next page
 * number when done with the last: one fiber per worker rather than one per page, which is what
 * `Stream.mapEffect` forks when it runs pages concurrently.
 */
const pagesAsTheyArrive = <P, E>(
  fetchChecked: (index: number) => Effect.Effect<P, E>,
  from: number,
  to: number,
  workers: number,
): Stream.Stream<P, E> =>
  Stream.suspend(() => {
    let next = from;
    const worker = Stream.repeatEffectOption(
      Effect.suspend(() =>
        next > to ? Effect.fail(Option.none()) : Effect.mapError(fetchChecked(next++), Option.some),
      ),
    );
    const count = Math.min(workers, to - from + 1);
    return count <= 0
      ? Stream.empty
      : Stream.mergeAll(
          Array.from({ length: count }, () => worker),
          { concurrency: count },
        );
  });

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
      const concurrency = Math.max(1, Math.floor(options.concurrency));
      const rest =
        first.totalPages !== undefined
          ? options.ordered === false
            ? pagesAsTheyArrive(fetchChecked, 1, first.totalPages - 1, concurrency)
            : Stream.range(1, first.totalPages - 1).pipe(Stream.mapEffect(fetchChecked, { concurrency }))
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
