/**
 * How many bytes of rows the spill tables of one export may hold in memory together. Rows are
 * kept as they arrive while the total stays under the budget (a small export never touches the
 * disk); past it, the table holding the most unsorted rows writes them out as a sorted run.
 */

/** What the budget asks of a table: its rows held and not yet written out, and to write them. */
export interface SpillableBuffer {
  /** Estimated bytes of the rows held that `spill` would write out (0 once sealed). */
  readonly spillableBytes: number;
  /** Writes the rows held out to disk. */
  spill(): void;
}

/** The memory of every spill table of one export. */
export class MemoryBudget {
  #used = 0;
  readonly #tables = new Set<SpillableBuffer>();

  /** `bytes`: what the tables may hold together, as the tables estimate their rows' size. */
  constructor(readonly bytes: number) {}

  /** Bytes held now. */
  get used(): number {
    return this.#used;
  }

  register(table: SpillableBuffer): void {
    this.#tables.add(table);
  }

  unregister(table: SpillableBuffer): void {
    this.#tables.delete(table);
  }

  /** Bytes given back (rows written out or dropped). */
  release(bytes: number): void {
    this.#used -= bytes;
  }

  /** Counts bytes taken; while over budget, the largest buffer is written out. */
  charge(bytes: number): void {
    this.#used += bytes;
    while (this.#used > this.bytes) {
      let largest: SpillableBuffer | undefined;
      for (const table of this.#tables) {
        if (table.spillableBytes > (largest?.spillableBytes ?? 0)) largest = table;
      }
      // Sealed tables hold the rest: a small buffer is not worth a run of its own.
      if (largest === undefined || largest.spillableBytes < this.bytes / 16) return;
      largest.spill();
    }
  }
}
