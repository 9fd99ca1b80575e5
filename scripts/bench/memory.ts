/**
 * Memory: the peak resident set of the exporter's own process (not the sandbox's, which runs in
 * a process of its own) during `rollcall export` with default settings, at 20 000 and 200 000
 * users, no added latency. The CLI runs with scripts/bench/report-max-rss.mjs preloaded, which
 * reports `process.resourceUsage().maxRSS` on exit and the peaks of heap and external memory.
 * At 200 000 users it runs on Node 24 too (`@rollcall/runtimes`), whose V8 sizes its heap otherwise.
 */
import { runtimes } from '@rollcall/runtimes';
import { exportWithCli, type MemoryReport } from './lib/cli.js';
import type { BenchContext } from './lib/context.js';
import { withSandboxProcess } from './lib/processes.js';
import type { Figure } from './lib/report.js';
import { median, round, summarize } from './lib/stats.js';

const MB = 1024 * 1024;
const NODE20 = { name: `Node ${process.versions.node}`, path: process.execPath };

const peakRssMb = (report: MemoryReport) => (report.maxRssKb * 1024) / MB;

const measure = async (context: BenchContext, users: number, node: { name: string; path: string } = NODE20) =>
  withSandboxProcess({ seed: 'bench', users }, async (sandbox) => {
    const reports: Array<MemoryReport> = [];
    const wallMs: Array<number> = [];
    for (let run = 0; run < context.settings.runs; run++) {
      const result = await exportWithCli(sandbox, context.scratch('memory'), { measureMemory: true, node: node.path });
      reports.push(result.memory!);
      wallMs.push(result.wallMs);
      context.say(
        `memory ${users} users ${node.name} run ${run + 1}/${context.settings.runs}: peak RSS ${Math.round(peakRssMb(result.memory!))} MB`,
      );
    }
    const peakOf = (field: keyof MemoryReport['peaks']) => round(median(reports.map((r) => r.peaks[field] / MB)), 1);
    return {
      rssMb: median(reports.map(peakRssMb)),
      detail: {
        users,
        node: node.name,
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
  const largeOn24 = await measure(context, 200_000, { name: 'Node 24', path: runtimes.node24 });
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
      id: 'memory.rss200kNode24',
      label: 'export peak RSS, 200 000 users, Node 24',
      value: largeOn24.rssMb,
      unit: 'MB',
      goal: { op: '<', limit: 200 },
      detail: largeOn24.detail,
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
