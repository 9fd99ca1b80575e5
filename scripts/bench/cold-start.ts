/**
 * Cold start: wall time from spawn to exit of `rollcall --help` (the built CLI) and of a script
 * that only does `import('@rollcall/client')`, on the machine's Node and on the Deno and Bun
 * binaries of `@rollcall/runtimes`. One warm-up run each (file system caches, Deno's module
 * cache), then medians of several runs.
 */
import { fileURLToPath } from 'node:url';
import { runtimes } from '@rollcall/runtimes';
import type { BenchContext } from './lib/context.js';
import { CLI, expectSuccess, runTimed } from './lib/processes.js';
import type { Figure } from './lib/report.js';
import { median, round, summarize } from './lib/stats.js';

const IMPORT_CLIENT = fileURLToPath(new URL('./import-client.mjs', import.meta.url));

const RUNTIMES = [
  { name: 'Node', command: runtimes.node20, prefix: [] },
  { name: 'Deno', command: runtimes.deno, prefix: ['run', '-A', '--no-lock'] },
  { name: 'Bun', command: runtimes.bun, prefix: [] },
] as const;

const TASKS = [
  { id: 'help', label: 'rollcall --help', args: [CLI, '--help'], expect: /export/ },
  { id: 'importClient', label: "import('@rollcall/client')", args: [IMPORT_CLIENT], expect: undefined },
] as const;

export const coldStart = async (context: BenchContext): Promise<Array<Figure>> => {
  const runs = Math.max(5, context.settings.runs * 2 + 1);
  const figures: Array<Figure> = [];
  for (const task of TASKS) {
    for (const runtime of RUNTIMES) {
      const samples: Array<number> = [];
      for (let run = 0; run <= runs; run++) {
        const result = expectSuccess(
          `${runtime.name} ${task.label}`,
          await runTimed(runtime.command, [...runtime.prefix, ...task.args]),
        );
        if (task.expect && !task.expect.test(result.stdout)) {
          throw new Error(`${runtime.name} ${task.label} printed no help:\n${result.stdout}${result.stderr}`);
        }
        if (run > 0) samples.push(result.wallMs);
      }
      context.say(`cold start ${task.label} on ${runtime.name}: ${Math.round(median(samples))} ms`);
      figures.push({
        id: `coldStart.${task.id}.${runtime.name.toLowerCase()}`,
        label: `cold start, ${task.label} on ${runtime.name}`,
        value: median(samples),
        unit: 'ms',
        detail: {
          ms: summarize(samples.map((ms) => round(ms))),
          command: [runtime.command, ...runtime.prefix, ...task.args],
        },
      });
    }
  }
  return figures;
};
