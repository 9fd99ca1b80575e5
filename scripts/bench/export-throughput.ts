/**
 * Export throughput: the built `rollcall export` (a subprocess, default settings, CSV) against
 * the baseline (a sequential loop over pages with the generated fetch client, in the bench's own
 * process) on one sandbox process with 20 ms added per request and its rate limit on. Runs
 * alternate which goes first; the figure is the ratio of the medians. Every run's CSV files must
 * be byte-identical to the baseline's, or the comparison would not be honest.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FaultConfig } from '@rollcall/sandbox';
import { baselineExport } from './lib/baseline-export.js';
import { exportWithCli } from './lib/cli.js';
import type { BenchContext } from './lib/context.js';
import { withSandboxProcess } from './lib/processes.js';
import type { Figure } from './lib/report.js';
import { median, round, summarize } from './lib/stats.js';

const USERS = 20_000;
const ENROLLMENTS = 10_000;
const LATENCY_MS = 20;
const CSV_FILES = ['users', 'roles', 'workspaces', 'workspace-roles', 'workspace-memberships', 'enrollments'];

/** Names of the CSV files that differ between two snapshot folders. */
const differingFiles = (a: string, b: string): Array<string> =>
  CSV_FILES.filter((name) => !readFileSync(join(a, `${name}.csv`)).equals(readFileSync(join(b, `${name}.csv`))));

export const exportThroughput = async (context: BenchContext): Promise<Array<Figure>> => {
  const { runs, rateLimit, burst } = context.settings;
  const faults: FaultConfig = {
    latencyMs: LATENCY_MS,
    rateLimit: { requestsPerSecond: rateLimit, burst, retryAfter: 'seconds' },
  };
  return withSandboxProcess({ seed: 'bench', users: USERS, enrollments: ENROLLMENTS, faults }, async (sandbox) => {
    const exportMs: Array<number> = [];
    const baselineMs: Array<number> = [];
    const rateLimited: Array<number> = [];
    const retries: Array<number> = [];
    const differing = new Set<string>();
    for (let run = 0; run < runs; run++) {
      const dir = context.scratch('throughput');
      const baselineDir = join(dir, 'baseline');
      mkdirSync(baselineDir);
      const runBaseline = async () => {
        const started = performance.now();
        await baselineExport(sandbox.url, sandbox.token, baselineDir);
        baselineMs.push(performance.now() - started);
      };
      const runExport = async () => {
        await sandbox.clearRequests();
        const result = await exportWithCli(sandbox, dir);
        exportMs.push(result.wallMs);
        retries.push(result.counts.retries ?? 0);
        rateLimited.push((await sandbox.requests()).filter((request) => request.status === 429).length);
        return result;
      };
      // Alternate the order, so neither always meets a sandbox warmed up by the other.
      const result = run % 2 === 0 ? await runExport() : undefined;
      await runBaseline();
      const exported = result ?? (await runExport());
      for (const name of differingFiles(baselineDir, exported.out)) differing.add(name);
      context.say(
        `throughput run ${run + 1}/${runs}: export ${Math.round(exportMs.at(-1)!)} ms, baseline ${Math.round(baselineMs.at(-1)!)} ms`,
      );
    }
    const ratio = median(exportMs) / median(baselineMs);
    const setting = `${USERS} users, ${ENROLLMENTS} enrollments, +${LATENCY_MS} ms/request, rate limit ${rateLimit}/s burst ${burst}`;
    return [
      {
        id: 'throughput.export',
        label: 'export wall time (rollcall export, defaults)',
        value: median(exportMs) / 1000,
        unit: 's',
        detail: { ms: summarize(exportMs.map((ms) => round(ms))), setting, retries, rateLimited429: rateLimited },
      },
      {
        id: 'throughput.baseline',
        label: 'export wall time (baseline: sequential pages, generated client)',
        value: median(baselineMs) / 1000,
        unit: 's',
        detail: { ms: summarize(baselineMs.map((ms) => round(ms))), setting },
      },
      {
        id: 'throughput.ratio',
        label: 'export time ÷ baseline time',
        value: ratio,
        unit: '×',
        goal: { op: '<=', limit: 0.25 },
        detail: { setting },
      },
      {
        id: 'throughput.csvDifferences',
        label: 'CSV files differing from the baseline',
        value: differing.size,
        unit: 'files',
        goal: { op: '<=', limit: 0 },
        detail: { differing: [...differing] },
      },
    ];
  });
};
