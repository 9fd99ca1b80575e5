/**
 * Records kept in id order (code-unit order, as JavaScript compares strings), looked up by id,
 * and read a page at a time from just after a given id: keyset paging, so a record added or
 * removed between two pages neither shifts nor repeats the others.
 */
export interface KeysetPage<T> {
  readonly items: ReadonlyArray<T>;
  /** More records match after the last item. */
  readonly more: boolean;
  /** How many records match in all. */
  readonly count: number;
}

export class SortedById<T extends { readonly id: string }> {
  private readonly ordered: T[];
  private readonly byId = new Map<string, T>();

  constructor(records: Iterable<T> = []) {
    this.ordered = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const record of this.ordered) this.byId.set(record.id, record);
  }

  get size(): number {
    return this.ordered.length;
  }

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  all(): ReadonlyArray<T> {
    return this.ordered;
  }

  add(record: T): void {
    if (this.byId.has(record.id)) throw new Error(`duplicate id ${record.id}`);
    this.ordered.splice(this.indexAfter(record.id), 0, record);
    this.byId.set(record.id, record);
  }

  remove(id: string): T | undefined {
    const record = this.byId.get(id);
    if (!record) return undefined;
    this.byId.delete(id);
    this.ordered.splice(this.indexAfter(id) - 1, 1);
    return record;
  }

  /** Up to `limit` records matching `filter`, from just after `afterId` (from the start when undefined). */
  page(afterId: string | undefined, limit: number, filter?: (record: T) => boolean): KeysetPage<T> {
    const start = afterId === undefined ? 0 : this.indexAfter(afterId);
    if (!filter) {
      const items = this.ordered.slice(start, start + limit);
      return { items, more: start + limit < this.ordered.length, count: this.ordered.length };
    }
    const items: T[] = [];
    let more = false;
    for (let i = start; i < this.ordered.length; i++) {
      const record = this.ordered[i]!;
      if (!filter(record)) continue;
      if (items.length === limit) {
        more = true;
        break;
      }
      items.push(record);
    }
    return { items, more, count: this.ordered.reduce((n, record) => (filter(record) ? n + 1 : n), 0) };
  }

  /** Index of the first record whose id is greater than `id`. */
  private indexAfter(id: string): number {
    let low = 0;
    let high = this.ordered.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.ordered[mid]!.id <= id) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
