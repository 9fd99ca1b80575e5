/** A tally of the runs of a suite and how each ended, printed when the suite ends. */

export interface LedgerEntry {
  readonly scenario: string;
  /** What the scenario allows: one outcome, or either of the two safe ones. */
  readonly expected: string;
  readonly outcome: string;
  readonly exitCode: number | null;
  readonly seconds: number;
  /** Debug-level log lines the run wrote (debug logging must be part of what is searched for tokens). */
  readonly debugLines: number;
}

export class RunLedger {
  readonly entries: Array<LedgerEntry> = [];

  constructor(readonly title: string) {}

  record(entry: LedgerEntry): void {
    this.entries.push(entry);
  }

  /** Runs by outcome, e.g. `{ identical: 18, 'failed-cleanly': 7 }`. */
  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const { outcome } of this.entries) counts[outcome] = (counts[outcome] ?? 0) + 1;
    return counts;
  }

  /** One line per run and a total, for the test output. */
  summary(): string {
    const rows = [...this.entries].sort((a, b) => a.scenario.localeCompare(b.scenario));
    const width = Math.max(...rows.map((row) => row.scenario.length), 8);
    const lines = rows.map(
      (row) =>
        `  ${row.scenario.padEnd(width)}  ${row.outcome.padEnd(14)}  exit ${String(row.exitCode).padEnd(4)} ${row.seconds.toFixed(1).padStart(5)} s  (allowed: ${row.expected})`,
    );
    const totals = Object.entries(this.counts())
      .map(([outcome, count]) => `${count} ${outcome}`)
      .join(', ');
    return `${this.title}: ${this.entries.length} runs: ${totals}\n${lines.join('\n')}`;
  }
}
