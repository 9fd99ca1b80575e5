/**
 * The sandbox: requests per second for a users page (100 users, page 10 of 20 000) from a
 * keep-alive node:http client holding several requests in flight, and its start-up time at
 * 200 000 users (`startSandbox` inside its process, data generation included; the time from spawn
 * to listening is kept in the JSON). The sandbox runs in a process of its own; the load comes from the bench's.
 */
import { Agent, request } from 'node:http';
import type { BenchContext } from './lib/context.js';
import { startSandboxProcess, withSandboxProcess } from './lib/processes.js';
import type { Figure } from './lib/report.js';
import { median, round, summarize } from './lib/stats.js';

const IN_FLIGHT = 8;
const WARM_UP_MS = 500;
const MEASURE_MS = 2_000;

/** Completed 200 answers per second over `MEASURE_MS`, `IN_FLIGHT` requests at a time. */
const requestsPerSecond = async (url: string, token: string): Promise<number> => {
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const target = new URL('/organizations/users?page=10&size=100', url);
  const get = () =>
    new Promise<void>((resolve, reject) => {
      const req = request(target, { agent, headers: { Authorization: token } }, (response) => {
        if (response.statusCode !== 200) reject(new Error(`users page answered ${response.statusCode}`));
        response
          .on('data', () => {})
          .on('end', resolve)
          .on('error', reject);
      });
      req.on('error', reject).end();
    });
  let counting = false;
  let completed = 0;
  let stop = false;
  const worker = async () => {
    while (!stop) {
      await get();
      if (counting) completed++;
    }
  };
  const workers = Array.from({ length: IN_FLIGHT }, worker);
  await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
  counting = true;
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
  counting = false;
  const elapsed = performance.now() - started;
  stop = true;
  await Promise.all(workers);
  agent.destroy();
  return (completed * 1000) / elapsed;
};

export const sandboxBench = async (context: BenchContext): Promise<Array<Figure>> => {
  const { runs } = context.settings;
  const rps = await withSandboxProcess({ seed: 'bench', users: 20_000 }, async (sandbox) => {
    const samples: Array<number> = [];
    for (let run = 0; run < runs; run++) samples.push(await requestsPerSecond(sandbox.url, sandbox.token));
    return samples;
  });
  context.say(`sandbox: ${Math.round(median(rps))} requests/s`);
  const startupMs: Array<number> = [];
  const readyMs: Array<number> = [];
  for (let run = 0; run < runs; run++) {
    const sandbox = await startSandboxProcess({ seed: 'bench', users: 200_000 });
    startupMs.push(sandbox.startupMs);
    readyMs.push(sandbox.readyMs);
    await sandbox.close();
  }
  context.say(`sandbox start-up at 200 000 users: ${Math.round(median(startupMs))} ms`);
  return [
    {
      id: 'sandbox.usersPageRps',
      label: `sandbox, users page of 100 (${IN_FLIGHT} in flight, keep-alive)`,
      value: median(rps),
      unit: 'req/s',
      detail: { rps: summarize(rps.map((value) => round(value))), inFlight: IN_FLIGHT, measureMs: MEASURE_MS },
    },
    {
      id: 'sandbox.startup200k',
      label: 'sandbox start-up, 200 000 users (startSandbox)',
      value: median(startupMs) / 1000,
      unit: 's',
      detail: {
        ms: summarize(startupMs.map((ms) => round(ms))),
        // Spawn to listening, Node start-up, tsx and module loading included.
        processReadyMs: summarize(readyMs.map((ms) => round(ms))),
      },
    },
  ];
};
