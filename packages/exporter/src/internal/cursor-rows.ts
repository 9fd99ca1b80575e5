/**
 * Rows of a cursor-paged list (each page names the next, `{items, next?, count?}`), reconciled:
 * such a list announces no page count and may announce no total, so what can be checked is
 * checked. When the API gives `count`, it must not move between pages and the rows that arrived
 * must add up to it; otherwise the entity drifted and the exporter fetches it again. A key that
 * comes twice is caught later, by the spill table, with the same effect.
 */
import * as Effect from 'effect/Effect';
import type * as Either from 'effect/Either';
import * as Stream from 'effect/Stream';
import type { Row } from '../entity.js';
import { EntityDrift, type SourceFailure } from '../errors.js';
import type { FetchObserver } from '../source.js';

/** A page of a cursor-paged list, as far as reconciling it goes. */
export interface CountedPage {
  readonly items: ReadonlyArray<unknown>;
  /** Total number of items, when the API counts them. */
  readonly count?: number | undefined;
}

/**
 * The rows of `pages` (by `toRows`), page after page, each page reported to `observer` (with a page total
 * estimated from `count` and `pageSize` when there is a count), failing with EntityDrift when
 * `count` moves between pages or the rows do not add up to it.
 */
export const cursorRows = (
  entityName: string,
  pages: Stream.Stream<CountedPage, SourceFailure>,
  toRows: (items: ReadonlyArray<unknown>) => Either.Either<ReadonlyArray<Row>, SourceFailure>,
  observer: FetchObserver,
  pageSize: number,
): Stream.Stream<Row, SourceFailure | EntityDrift> =>
  Stream.suspend(() => {
    let announced: number | undefined;
    let received = 0;
    let page = 0;
    const drift = (detail: string) => new EntityDrift({ entity: entityName, detail });
    const reconcile = Stream.suspend(() =>
      announced === undefined || announced === received
        ? Stream.empty
        : Stream.fail(drift(`the API counted ${announced} in total but ${received} arrived`)),
    );
    return pages.pipe(
      Stream.mapEffect((current): Effect.Effect<ReadonlyArray<Row>, SourceFailure | EntityDrift> => {
        page++;
        if (announced === undefined) announced = current.count;
        else if (current.count !== undefined && current.count !== announced) {
          return Effect.fail(drift(`the count moved from ${announced} to ${current.count} at page ${page}`));
        }
        received += current.items.length;
        observer.page(
          entityName,
          current.items.length,
          announced === undefined ? undefined : Math.max(1, Math.ceil(announced / pageSize)),
        );
        return toRows(current.items);
      }),
      Stream.flattenIterables,
      Stream.concat(reconcile),
    );
  });
