/**
 * The same built CLI under `deno run -A` and `bun`: the same export gives byte-identical data
 * files as under Node, verify and diff work there too, and a signal still leaves nothing behind.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataFilesOf, describeRun, exportAll, logLines, rollcall, sandboxEnv, temporaryDir } from './support.js';

let sandbox: Sandbox;
let fromNode: string;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'runtimes', users: 60, workspaces: 3 });
  fromNode = join(temporaryDir(), 'node');
  await exportAll(sandbox, fromNode, { extra: ['--page-size', '25'] });
});
afterAll(() => sandbox?.close());

describe.concurrent.each(['deno', 'bun'] as const)('under %s', (runtime) => {
  it('exports byte-identical data files, and verifies and diffs them', async () => {
    const out = join(temporaryDir(), runtime);
    await exportAll(sandbox, out, { runtime, extra: ['--page-size', '25'] });
    const files = dataFilesOf(out);
    expect([...files.keys()].sort()).toEqual([...dataFilesOf(fromNode).keys()].sort());
    for (const [name, bytes] of dataFilesOf(fromNode)) expect(files.get(name)?.equals(bytes), name).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.files).toEqual(JSON.parse(readFileSync(join(fromNode, 'manifest.json'), 'utf8')).files);

    const verify = await rollcall(['verify', out], { runtime });
    expect(verify.code, describeRun(verify)).toBe(0);
    const diff = await rollcall(['diff', fromNode, out], { runtime });
    expect(diff.code, describeRun(diff)).toBe(0);
    expect(diff.stdout).toContain('No differences.');
  });

  it('removes the temporary folder on SIGINT and exits 130', async () => {
    const parent = temporaryDir();
    // A sandbox of its own, slowed down, so that the other runtime's tests keep their pace.
    const slow = await startSandbox({ seed: 'runtimes', users: 60, workspaces: 3, faults: { latencyMs: 100 } });
    try {
      const result = await rollcall(['export', '--out', join(parent, 'snap'), '--concurrency', '1'], {
        runtime,
        env: sandboxEnv(slow),
        onStart: (child) => {
          const poll = setInterval(() => {
            if (readdirSync(parent).some((name) => name.startsWith('.snap.partial-'))) {
              clearInterval(poll);
              child.kill('SIGINT');
            }
          }, 20);
          child.on('close', () => clearInterval(poll));
        },
      });
      expect(result.code, describeRun(result)).toBe(130);
      expect(readdirSync(parent)).toEqual([]);
      expect(logLines(result).at(-1)).toMatchObject({ error: 'Interrupted' });
    } finally {
      await slow.close();
    }
  });
});
