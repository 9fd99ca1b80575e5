/** The bench's results: figures beside their goals, as a table and as JSON. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A goal a figure is held to: at most (`<=`) or below (`<`) `limit`. */
export interface Goal {
  readonly op: '<=' | '<';
  readonly limit: number;
}

/** One measured figure. */
export interface Figure {
  /** Stable key in the JSON, e.g. `throughput.ratio`. */
  readonly id: string;
  /** What was measured, for the table. */
  readonly label: string;
  readonly value: number;
  readonly unit: string;
  readonly goal?: Goal | undefined;
  /** Anything else worth keeping: samples, counts, settings. */
  readonly detail?: Readonly<Record<string, unknown>> | undefined;
}

/** `pass`/`miss` against the goal, `info` when there is none; `error` when the bench could not measure. */
export type Verdict = 'pass' | 'miss' | 'info';

export const verdict = (figure: Figure): Verdict => {
  if (figure.goal === undefined) return 'info';
  const { op, limit } = figure.goal;
  return (op === '<=' ? figure.value <= limit : figure.value < limit) ? 'pass' : 'miss';
};

const formatNumber = (value: number, unit: string): string => {
  if (!Number.isFinite(value)) return String(value);
  const digits =
    unit === '×' ? 3 : Number.isInteger(value) || Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)}${unit === '×' ? '×' : ` ${unit}`}`;
};

const formatGoal = (figure: Figure): string =>
  figure.goal === undefined ? '—' : `${figure.goal.op} ${formatNumber(figure.goal.limit, figure.unit)}`;

/** A section of the bench that could not run, and why. */
export interface Failure {
  readonly bench: string;
  readonly error: string;
}

/** The table printed at the end of `pnpm bench`. */
export const formatTable = (figures: ReadonlyArray<Figure>, failures: ReadonlyArray<Failure>): string => {
  const rows = figures.map((figure) => [
    figure.label,
    formatNumber(figure.value, figure.unit),
    formatGoal(figure),
    verdict(figure),
  ]);
  for (const failure of failures) rows.push([`${failure.bench}: could not run`, '—', '—', 'error']);
  const header = ['figure', 'measured', 'goal', 'result'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: ReadonlyArray<string>) =>
    cells.map((cell, i) => (i === 1 || i === 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
};

/** Writes the results as `bench-results/<timestamp>.json` and `bench-results/latest.json`; returns the first path. */
export const writeResults = (dir: string, results: Readonly<Record<string, unknown>>): string => {
  mkdirSync(dir, { recursive: true });
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const path = join(dir, `bench-${stamp}.json`);
  const text = `${JSON.stringify(results, null, 2)}\n`;
  writeFileSync(path, text);
  writeFileSync(join(dir, 'latest.json'), text);
  return path;
};
