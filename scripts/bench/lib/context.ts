/** What every bench gets: its settings and a place for scratch files. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BenchSettings {
  /** Repetitions of each heavy measurement (exports, sandbox start-ups); medians are reported. */
  readonly runs: number;
  /** Calls per client per round in the client overhead bench. */
  readonly iterations: number;
  /** Requests per second the sandbox's rate limit allows in the throughput bench. */
  readonly rateLimit: number;
  /** Token bucket size of that rate limit. */
  readonly burst: number;
}

export interface BenchContext {
  readonly settings: BenchSettings;
  /** A fresh scratch folder, removed when the bench ends. */
  scratch(prefix: string): string;
  /** Progress for the operator, on stderr. */
  say(message: string): void;
}

export const makeContext = (settings: BenchSettings): BenchContext & { cleanUp(): void } => {
  const made: Array<string> = [];
  return {
    settings,
    scratch: (prefix) => {
      const dir = mkdtempSync(join(tmpdir(), `rollcall-bench-${prefix}-`));
      made.push(dir);
      return dir;
    },
    say: (message) => void process.stderr.write(`bench: ${message}\n`),
    cleanUp: () => {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
};
