/**
 * `pnpm bench`: export throughput against a baseline, memory, client overhead, cold start and the
 * sandbox, each figure printed beside its goal; results as JSON under bench-results/. See
 * scripts/bench/README.md for the method.
 */
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseCli, runScript, UsageError } from '../lib/cli.js';
import { clientOverhead } from './client-overhead.js';
import { coldStart } from './cold-start.js';
import { exportThroughput } from './export-throughput.js';
import { type BenchContext, type BenchSettings, makeContext } from './lib/context.js';
import { ROOT } from './lib/processes.js';
import { type Failure, type Figure, formatTable, verdict, writeResults } from './lib/report.js';
import { memory } from './memory.js';
import { sandboxBench } from './sandbox.js';

const BENCHES: Readonly<Record<string, (context: BenchContext) => Promise<Array<Figure>>>> = {
  throughput: exportThroughput,
  memory,
  client: clientOverhead,
  'cold-start': coldStart,
  sandbox: sandboxBench,
};

const USAGE = `Usage: pnpm bench [--runs N] [--iterations N] [--only NAMES] [--rate-limit N] [--burst N] [--strict]

Measures the built packages (pnpm bench builds first) and prints every figure beside its goal.

  --runs N         repetitions of each export and sandbox start-up (default 3; cold start runs
                   max(5, 2N+1) times); figures are medians
  --iterations N   call pairs per client per round in the client overhead bench (default 100)
  --only NAMES     comma-separated subset of: ${Object.keys(BENCHES).join(', ')}
  --rate-limit N   the sandbox's rate limit in the throughput bench, requests/s (default 200)
  --burst N        its token bucket size (default 50)
  --strict         exit 1 when a figure misses its goal (default: only when a bench cannot run)
`;

const positive = (flag: string, text: string | undefined, fallback: number): number => {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new UsageError(`${flag}: expected a whole number >= 1, got "${text}"`);
  return value;
};

runScript('bench', USAGE, async () => {
  const { values } = parseCli({
    options: {
      runs: { type: 'string' },
      iterations: { type: 'string' },
      only: { type: 'string' },
      'rate-limit': { type: 'string' },
      burst: { type: 'string' },
      strict: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const settings: BenchSettings = {
    runs: positive('--runs', values.runs, 3),
    iterations: positive('--iterations', values.iterations, 100),
    rateLimit: positive('--rate-limit', values['rate-limit'], 200),
    burst: positive('--burst', values.burst, 50),
  };
  const selected = values.only?.split(',').map((name) => name.trim()) ?? Object.keys(BENCHES);
  const unknown = selected.filter((name) => !(name in BENCHES));
  if (unknown.length > 0) throw new UsageError(`--only: unknown bench ${unknown.join(', ')}`);

  const context = makeContext(settings);
  const startedAt = new Date();
  const figures: Array<Figure> = [];
  const failures: Array<Failure> = [];
  try {
    for (const name of selected) {
      context.say(`${name}…`);
      try {
        figures.push(...(await BENCHES[name]!(context)));
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        context.say(`${name} failed: ${message}`);
        failures.push({ bench: name, error: message });
      }
    }
  } finally {
    context.cleanUp();
  }

  process.stdout.write(`\n${formatTable(figures, failures)}\n`);
  const path = writeResults(join(ROOT, 'bench-results'), {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: {
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpus: availableParallelism(),
      cpuModel: cpus()[0]?.model ?? null,
      memoryMb: Math.round(totalmem() / 1024 / 1024),
    },
    settings,
    figures: figures.map((figure) => ({ ...figure, result: verdict(figure) })),
    failures,
  });
  process.stdout.write(`\nresults: ${path}\n`);
  const missed = figures.filter((figure) => verdict(figure) === 'miss').length;
  if (failures.length > 0) return 1;
  return values.strict && missed > 0 ? 1 : 0;
});
