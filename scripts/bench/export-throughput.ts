/**
 * Export throughput: the built `rollcall export` (a subprocess, default settings, CSV) against
 * the baseline (a sequential loop over pages with the generated fetch client, in the bench's own
 * process) on one sandbox process with 20 ms added per request, in three cases: the rate limit
 * of the settings (200/s, burst 50, by default), no rate limit, and 50/s. Runs alternate which
 * goes first; the figures are ratios of medians, to the baseline and to the floor (requests ÷
 * limit; without a limit, requests × RTT ÷ the ceiling of requests in flight). Without a limit,
 * the lean client (scripts/bench/lean-client.mjs) runs too: what this machine allows any Node
 * client. Every run's CSV files must be byte-identical to the baseline's, or the comparison
 * would not be honest.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FaultConfig } from '@rollcall/sandbox';
import { baselineExport } from './lib/baseline-export.js';
import { exportWithCli } from './lib/cli.js';
import type { BenchContext } from './lib/context.js';
import { baseEnv, expectSuccess, runTimed, withSandboxProcess } from './lib/processes.js';
import type { Figure } from './lib/report.js';
import { median, round, summarize } from './lib/stats.js';

const USERS = 20_000;
const ENROLLMENTS = 10_000;
const LATENCY_MS = 20;
/** `rollcall export`'s default `--concurrency`. */
const CEILING = 16;
const LEAN_CLIENT = fileURLToPath(new URL('./lean-client.mjs', import.meta.url));
const CSV_FILES = ['users', 'roles', 'workspaces', 'workspace-roles', 'workspace-memberships', 'enrollments'];

/** Names of the CSV files that differ between two snapshot folders. */
const differingFiles = (a: string, b: string): Array<string> =>
  CSV_FILES.filter((name) => !readFileSync(join(a, `${name}.csv`)).equals(readFileSync(join(b, `${name}.csv`))));

interface Case {
  /** Prefix of the figures' ids, e.g. `throughput` or `throughput.unlimited`. */
  readonly id: string;
  readonly name: string;
  readonly rateLimit?: { readonly requestsPerSecond: number; readonly burst: number };
  /** Also time the lean client (scripts/bench/lean-client.mjs): what any Node client reaches here. */
  readonly lean?: boolean;
  /** Goals: ratio to the baseline, ratio to the floor, 429s met. */
  readonly goals: { readonly ratio?: number; readonly floorRatio?: number; readonly rateLimited?: number };
}

/** The lean client, spawn to exit, and the requests it made. */
const runLeanClient = async (url: string, token: string): Promise<{ wallMs: number; requests: number }> => {
  const result = expectSuccess(
    'lean client',
    await runTimed(process.execPath, [LEAN_CLIENT], { env: { ...baseEnv(), LEAN_BASE_URL: url, LEAN_TOKEN: token } }),
  );
  const { requests } = JSON.parse(result.stdout) as { requests: number };
  return { wallMs: result.wallMs, requests };
};

/** The lean client's time, its ratio to the baseline (the least any client reaches here) and the export's to it. */
const leanFigures = (
  benchCase: Case,
  leanMs: ReadonlyArray<number>,
  exportMedianMs: number,
  baselineMedianMs: number,
  setting: string,
): Array<Figure> => [
  {
    id: `${benchCase.id}.lean`,
    label: `export wall time, ${benchCase.name} (lean client: fetch and JSON.parse only, 16 in flight)`,
    value: median(leanMs) / 1000,
    unit: 's',
    detail: { ms: summarize(leanMs.map((ms) => round(ms))), setting },
  },
  {
    id: `${benchCase.id}.leanRatio`,
    label: `${benchCase.name}: lean client time ÷ baseline time (what any Node client reaches here)`,
    value: median(leanMs) / baselineMedianMs,
    unit: '×',
    detail: { setting },
  },
  {
    id: `${benchCase.id}.exportToLean`,
    label: `${benchCase.name}: export time ÷ lean client time`,
    value: exportMedianMs / median(leanMs),
    unit: '×',
    detail: { setting },
  },
];

const runCase = async (context: BenchContext, benchCase: Case): Promise<Array<Figure>> => {
  const { runs } = context.settings;
  const faults: FaultConfig = {
    latencyMs: LATENCY_MS,
    ...(benchCase.rateLimit && { rateLimit: { ...benchCase.rateLimit, retryAfter: 'seconds' as const } }),
  };
  return withSandboxProcess({ seed: 'bench', users: USERS, enrollments: ENROLLMENTS, faults }, async (sandbox) => {
    const exportMs: Array<number> = [];
    const baselineMs: Array<number> = [];
    const rateLimited: Array<number> = [];
    const retries: Array<number> = [];
    const requests: Array<number> = [];
    const flights: Array<unknown> = [];
    const leanMs: Array<number> = [];
    const leanRequests: Array<number> = [];
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
        requests.push((result.counts.requests ?? 0) - (result.counts.retries ?? 0));
        flights.push(result.concurrency);
        rateLimited.push((await sandbox.requests()).filter((request) => request.status === 429).length);
        return result;
      };
      // Alternate the order, so neither always meets a sandbox warmed up by the other.
      const result = run % 2 === 0 ? await runExport() : undefined;
      // The baseline waits out its 429s: let the bucket fill again first, as the export found it.
      if (benchCase.rateLimit) await new Promise((resolve) => setTimeout(resolve, 1000));
      await runBaseline();
      if (benchCase.rateLimit) await new Promise((resolve) => setTimeout(resolve, 1000));
      const exported = result ?? (await runExport());
      for (const name of differingFiles(baselineDir, exported.out)) differing.add(name);
      if (benchCase.lean) {
        const lean = await runLeanClient(sandbox.url, sandbox.token);
        leanMs.push(lean.wallMs);
        leanRequests.push(lean.requests);
      }
      context.say(
        `${benchCase.id} run ${run + 1}/${runs}: export ${Math.round(exportMs.at(-1)!)} ms (${rateLimited.at(-1)} × 429), baseline ${Math.round(baselineMs.at(-1)!)} ms${benchCase.lean ? `, lean client ${Math.round(leanMs.at(-1)!)} ms` : ''}`,
      );
    }
    const distinctRequests = median(requests);
    if (leanRequests.some((made) => made !== distinctRequests)) {
      throw new Error(`lean client made ${leanRequests.join(', ')} requests, the export ${distinctRequests}`);
    }
    const floorMs = benchCase.rateLimit
      ? (distinctRequests / benchCase.rateLimit.requestsPerSecond) * 1000
      : (distinctRequests * LATENCY_MS) / CEILING;
    const limit = benchCase.rateLimit
      ? `rate limit ${benchCase.rateLimit.requestsPerSecond}/s burst ${benchCase.rateLimit.burst}`
      : 'no rate limit';
    const setting = `${USERS} users, ${ENROLLMENTS} enrollments, +${LATENCY_MS} ms/request, ${limit}`;
    const goal = (limitValue: number | undefined) =>
      limitValue === undefined ? undefined : { op: '<=' as const, limit: limitValue };
    return [
      {
        id: `${benchCase.id}.export`,
        label: `export wall time, ${benchCase.name} (rollcall export, defaults)`,
        value: median(exportMs) / 1000,
        unit: 's',
        detail: {
          ms: summarize(exportMs.map((ms) => round(ms))),
          setting,
          retries,
          rateLimited429: rateLimited,
          flights,
        },
      },
      {
        id: `${benchCase.id}.baseline`,
        label: `export wall time, ${benchCase.name} (baseline: sequential pages)`,
        value: median(baselineMs) / 1000,
        unit: 's',
        detail: { ms: summarize(baselineMs.map((ms) => round(ms))), setting },
      },
      {
        id: `${benchCase.id}.ratio`,
        label: `${benchCase.name}: export time ÷ baseline time`,
        value: median(exportMs) / median(baselineMs),
        unit: '×',
        goal: goal(benchCase.goals.ratio),
        detail: { setting },
      },
      {
        id: `${benchCase.id}.floorRatio`,
        label: `${benchCase.name}: export time ÷ floor (${benchCase.rateLimit ? 'requests ÷ limit' : 'requests × RTT ÷ 16'})`,
        value: median(exportMs) / floorMs,
        unit: '×',
        goal: goal(benchCase.goals.floorRatio),
        detail: { setting, floorMs: round(floorMs), requests: distinctRequests },
      },
      ...(benchCase.lean ? leanFigures(benchCase, leanMs, median(exportMs), median(baselineMs), setting) : []),
      {
        id: `${benchCase.id}.rateLimited`,
        label: `${benchCase.name}: 429 answers the export met (median)`,
        value: median(rateLimited),
        unit: '429s',
        goal: goal(benchCase.goals.rateLimited),
        detail: { runs: rateLimited },
      },
      {
        id: `${benchCase.id}.csvDifferences`,
        label: `${benchCase.name}: CSV files differing from the baseline`,
        value: differing.size,
        unit: 'files',
        goal: { op: '<=', limit: 0 },
        detail: { differing: [...differing] },
      },
    ];
  });
};

export const exportThroughput = async (context: BenchContext): Promise<Array<Figure>> => {
  const { rateLimit, burst } = context.settings;
  const cases: ReadonlyArray<Case> = [
    {
      id: 'throughput',
      name: `${rateLimit}/s burst ${burst}`,
      rateLimit: { requestsPerSecond: rateLimit, burst },
      goals: { ratio: 0.25, floorRatio: 1.1, rateLimited: 2 },
    },
    { id: 'throughput.unlimited', name: 'no rate limit', lean: true, goals: { ratio: 0.12 } },
    {
      id: 'throughput.limit50',
      name: '50/s burst 50',
      rateLimit: { requestsPerSecond: 50, burst: 50 },
      goals: { floorRatio: 1.1 },
    },
  ];
  const figures: Array<Figure> = [];
  for (const benchCase of cases) figures.push(...(await runCase(context, benchCase)));
  return figures;
};
