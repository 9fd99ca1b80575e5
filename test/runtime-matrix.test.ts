/**
 * The runtime matrix: test/runtime/suite.mjs (the client's integration suite over the built
 * packages) on Node 20 (the Node running Vitest), Node 24, Deno 2 and Bun 1. A runtime that fails,
 * cannot start, or runs fewer checks than it planned fails its test; nothing is skipped.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runtimes } from '@rollcall/runtimes';
import { describe, expect, it } from 'vitest';

const suite = fileURLToPath(new URL('./runtime/suite.mjs', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));

const matrix = [
  { name: 'node20', command: runtimes.node20, args: [suite], reports: /^# runtime node 20\./m },
  { name: 'node24', command: runtimes.node24, args: [suite], reports: /^# runtime node 24\./m },
  { name: 'deno', command: runtimes.deno, args: ['run', '-A', '--no-lock', suite], reports: /^# runtime deno 2\./m },
  { name: 'bun', command: runtimes.bun, args: [suite], reports: /^# runtime bun 1\./m },
] as const;

interface Outcome {
  readonly code: number | null;
  readonly output: string;
}

const run = (command: string, args: ReadonlyArray<string>): Promise<Outcome> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });

describe.concurrent('runtime matrix', () => {
  for (const { name, command, args, reports } of matrix) {
    it(`passes every check on ${name}`, async () => {
      const { code, output } = await run(command, args);
      expect(output, output).toMatch(reports);
      const planned = Number(/^1\.\.(\d+)$/m.exec(output)?.[1]);
      const passed = output.match(/^ok \d+ - /gm)?.length ?? 0;
      expect(planned, output).toBeGreaterThanOrEqual(10);
      expect(passed, output).toBe(planned);
      expect(output, output).not.toMatch(/^not ok/m);
      expect(code, output).toBe(0);
    });
  }
});
