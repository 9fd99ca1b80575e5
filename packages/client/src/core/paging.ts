/** One page of a page-number paginated list. */
export interface PageQuery {
  /** 0-based page number; default 0. */
  readonly page?: number;
  /** Rows per page; the server's default when absent, and the server may clamp it. */
  readonly size?: number;
}

/** How a stream walks a page-number paginated list. */
export interface StreamQuery {
  /** Rows per page to ask for; default 100. The server may clamp it; the stream follows its answer. */
  readonly pageSize?: number;
  /**
   * Pages fetched at once after the first; default 1. Rows and pages still come in page order,
   * unless `ordered` is false.
   */
  readonly concurrency?: number;
  /**
   * Whether pages come in page order; default true. With false, the first page comes first and
   * every other as soon as it arrives, so one held up (retried after a 429, say) holds up no
   * other: for callers that order the rows themselves.
   */
  readonly ordered?: boolean;
}

/** Page size streams ask for unless told otherwise. */
export const DEFAULT_STREAM_PAGE_SIZE = 100;

/** One page of a cursor-paginated list. */
export interface CursorPageQuery {
  /** The cursor of the page to fetch: the previous page's `next.page`; absent for the first page. */
  readonly page?: string;
  /** Items per page; the server's default when absent. */
  readonly limit?: number;
}

/** How a stream walks a cursor-paginated list. */
export interface CursorStreamQuery {
  /** Items per page to ask for; default 100. */
  readonly limit?: number;
}

/** A page of a cursor-paginated list, as the server sends it. */
export interface CursorPage<A> {
  readonly items: ReadonlyArray<A>;
  /** Where the next page is; absent on the last page. */
  readonly next?: { readonly page: string };
  /** Total number of items, when the server counts them. */
  readonly count?: number;
}
