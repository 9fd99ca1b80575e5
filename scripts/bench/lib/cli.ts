/** The built `rollcall` CLI as the bench runs it: a subprocess of the machine's Node. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SandboxProcess } from './processes.js';
import { baseEnv, CLI, type Completed, expectSuccess, runTimed } from './processes.js';

const MEMORY_PRELOAD = fileURLToPath(new URL('../report-max-rss.mjs', import.meta.url));

/** Peak memory of a process, as reported by scripts/bench/report-max-rss.mjs. */
export interface MemoryReport {
  readonly maxRssKb: number;
  readonly peaks: Readonly<Record<'rss' | 'heapTotal' | 'heapUsed' | 'external' | 'arrayBuffers', number>>;
}

/** What an export run reports. */
export interface ExportRun extends Completed {
  readonly out: string;
  readonly memory?: MemoryReport;
  /** `counts` of the snapshot's manifest. */
  readonly counts: Readonly<Record<string, number>>;
  /** `concurrency` of the snapshot's manifest: requests in flight, 429s and 503s met. */
  readonly concurrency?: Readonly<Record<string, number>>;
}

/**
 * `rollcall export --out <dir>/snapshot` against `sandbox`, with `args` (none: the defaults);
 * with `measureMemory`, the memory report of the exporter's own process. Throws when it fails.
 */
export const exportWithCli = async (
  sandbox: SandboxProcess,
  dir: string,
  options: {
    readonly args?: ReadonlyArray<string>;
    readonly measureMemory?: boolean;
    /** The Node binary to run the CLI with; default the bench's own. */
    readonly node?: string;
  } = {},
): Promise<ExportRun> => {
  const out = join(dir, 'snapshot');
  const report = join(dir, 'memory.json');
  const preload = options.measureMemory ? ['--import', MEMORY_PRELOAD] : [];
  const result = expectSuccess(
    'rollcall export',
    await runTimed(
      options.node ?? process.execPath,
      [...preload, CLI, 'export', '--out', out, ...(options.args ?? [])],
      {
        env: {
          ...baseEnv(),
          TRANSACTIONLINK_BASE_URL: sandbox.url,
          TRANSACTIONLINK_TOKEN: sandbox.token,
          ...(options.measureMemory ? { ROLLCALL_BENCH_MEMORY_REPORT: report } : {}),
        },
      },
    ),
  );
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
    counts: Record<string, number>;
    concurrency?: Record<string, number>;
  };
  return {
    ...result,
    out,
    counts: manifest.counts,
    ...(manifest.concurrency && { concurrency: manifest.concurrency }),
    ...(options.measureMemory ? { memory: JSON.parse(readFileSync(report, 'utf8')) as MemoryReport } : {}),
  };
};
