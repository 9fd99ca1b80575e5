/**
 * `rollcall export --source gitbook` with the same built CLI under `deno run -A` and `bun`: the
 * same export gives byte-identical data files as under Node, and verify and diff work there too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataFilesOf, describeRun, expectTokenNowhere, exportAll, rollcall, temporaryDir } from './support.js';

const EXTRA = ['--page-size', '7'];

let sandbox: Sandbox;
let fromNode: string;

beforeAll(async () => {
  sandbox = await startSandbox({
    seed: 'runtimes',
    users: 3,
    workspaces: 1,
    gitbook: { members: 30, inviteLinks: 12 },
  });
  fromNode = join(temporaryDir(), 'node');
  await exportAll(sandbox, fromNode, { source: 'gitbook', extra: EXTRA });
});
afterAll(() => sandbox?.close());

describe.concurrent.each(['deno', 'bun'] as const)('under %s', (runtime) => {
  it('exports byte-identical GitBook data files, and verifies and diffs them', async () => {
    const out = join(temporaryDir(), runtime);
    const exported = await exportAll(sandbox, out, { runtime, source: 'gitbook', extra: EXTRA });
    const files = dataFilesOf(out);
    expect([...files.keys()].sort()).toEqual([...dataFilesOf(fromNode).keys()].sort());
    for (const [name, bytes] of dataFilesOf(fromNode)) expect(files.get(name)?.equals(bytes), name).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.files).toEqual(JSON.parse(readFileSync(join(fromNode, 'manifest.json'), 'utf8')).files);
    expect(manifest.source.name).toBe('gitbook');

    const verify = await rollcall(['verify', out], { runtime });
    expect(verify.code, describeRun(verify)).toBe(0);
    const diff = await rollcall(['diff', fromNode, out], { runtime });
    expect(diff.code, describeRun(diff)).toBe(0);
    expect(diff.stdout).toContain('No differences.');
    expectTokenNowhere(sandbox.gitbook.token, [exported, verify, diff], [out]);
  });
});
