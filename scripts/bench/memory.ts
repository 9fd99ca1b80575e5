/**
 * Memory: the peak resident set of the exporter's own process (not the sandbox's, which runs in
 * a process of its own) during `rollcall export` with default settings, at 20 000 and 200 000
 * users, no added latency. The CLI runs with scripts/bench/report-max-rss.mjs preloaded, which
 * reports `process.resourceUsage().maxRSS` on exit and the peaks of heap and external memory.
 */
import { exportWithCli, type MemoryReport } from './lib/cli.js';
import type { BenchContext } from './lib/context.js';
import { withSandboxProcess } from './lib/processes.js';
import type { Figure } from './lib/report.js';
import { median, round, summarize } from './lib/stats.js';

const MB = 1024 * 1024;

const peakRssMb = (report: MemoryReport) => (report.maxRssKb * 1024) / MB;

const measure = async (context: BenchContext, users: number) =>
  withSandboxProcess({ seed: 'bench', users }, async (sandbox) => {
    const reports: Array<MemoryReport> = [];
    const wallMs: Array<number> = [];
    for (let run = 0; run < context.settings.runs; run++) {
      const result = await exportWithCli(sandbox, context.scratch('memory'), { measureMemory: true });
      reports.push(result.memory!);
      wallMs.push(result.wallMs);
      context.say(
        `memory ${users} users run ${run + 1}/${context.settings.runs}: peak RSS ${Math.round(peakRssMb(result.memory!))} MB`,
      );
    }
    const peakOf = (field: keyof MemoryReport['peaks']) => round(median(reports.map((r) => r.peaks[field] / MB)), 1);
    return {
      rssMb: median(reports.map(peakRssMb)),
      detail: {
        users,
        peakRssMb: summarize(reports.map((report) => round(peakRssMb(report), 1))),
        medianPeaksMb: {
          heapTotal: peakOf('heapTotal'),
          heapUsed: peakOf('heapUsed'),
          external: peakOf('external'),
          arrayBuffers: peakOf('arrayBuffers'),
        },
        wallMs: summarize(wallMs.map((ms) => round(ms))),
      },
    };
  });

export const memory = async (context: BenchContext): Promise<Array<Figure>> => {
  const small = await measure(context, 20_000);
  const large = await measure(context, 200_000);
  return [
    {
      id: 'memory.rss20k',
      label: 'export peak RSS, 20 000 users',
      value: small.rssMb,
      unit: 'MB',
      detail: small.detail,
    },
    {
      id: 'memory.rss200k',
      label: 'export peak RSS, 200 000 users',
      value: large.rssMb,
      unit: 'MB',
      goal: { op: '<', limit: 200 },
      detail: large.detail,
    },
    {
      id: 'memory.growth',
      label: 'peak RSS growth, 20 000 → 200 000 users',
      value: large.rssMb / small.rssMb,
      unit: '×',
      goal: { op: '<', limit: 2 },
    },
  ];
};
