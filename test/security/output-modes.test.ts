/**
 * A snapshot is readable by its owner only, whatever the umask: the folder 0700 and every file
 * 0600, while it is being written (the temporary sibling) as much as when it is done.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, gitBookEnv, rollcall, sandboxEnv, temporaryDir } from '../e2e/support.js';
import { putFaults } from '../support/sandbox-control.js';

let sandbox: Sandbox;
let umask: number;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'modes', users: 30, workspaces: 2 });
  // The CLI inherits the umask: with 000 nothing but the CLI itself restricts the modes.
  umask = process.umask(0);
});
afterAll(async () => {
  process.umask(umask);
  await sandbox?.close();
});

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('output modes, with a umask of 000', () => {
  it('are 0700 for the snapshot folder and 0600 for every file, while written and when done', async () => {
    await putFaults(sandbox, { latencyMs: 150 });
    const parent = temporaryDir();
    const out = join(parent, 'snap');
    const seen = new Map<string, { mode: number; folder: boolean }>();
    const look = (path: string) => {
      const info = statSync(path);
      seen.set(path, { mode: info.mode & 0o777, folder: info.isDirectory() });
      if (info.isDirectory()) for (const name of readdirSync(path)) look(join(path, name));
    };
    const result = await rollcall(['export', '--out', out, '--format', 'csv,json,ndjson', '--page-size', '10'], {
      env: sandboxEnv(sandbox),
      onStart: (child) => {
        // Look at the temporary folder and whatever is in it while the export runs.
        const poll = setInterval(() => {
          try {
            for (const name of readdirSync(parent)) look(join(parent, name));
          } catch {
            // A file went away between listing and stat: the export moved on.
          }
        }, 10);
        child.on('close', () => clearInterval(poll));
      },
    });
    expect(result.code, describeRun(result)).toBe(0);
    const partial = [...seen.keys()].filter((path) => path.includes('.snap.partial-'));
    expect(partial.length, 'the temporary folder was seen while the export ran').toBeGreaterThan(0);
    for (const [path, { mode, folder }] of seen) expect(mode.toString(8), path).toBe(folder ? '700' : '600');
    expect(modeOf(out).toString(8)).toBe('700');
    const files = readdirSync(out);
    expect(files).toContain('manifest.json');
    expect(files).toHaveLength(19);
    for (const file of files) expect(modeOf(join(out, file)).toString(8), file).toBe('600');
  });

  it('are the same for a GitBook snapshot', async () => {
    await putFaults(sandbox, {});
    const out = join(temporaryDir(), 'snap');
    const result = await rollcall(['export', '--source', 'gitbook', '--out', out, '--format', 'csv,json,ndjson'], {
      env: gitBookEnv(sandbox),
    });
    expect(result.code, describeRun(result)).toBe(0);
    expect(modeOf(out).toString(8)).toBe('700');
    const files = readdirSync(out);
    expect(files).toHaveLength(7);
    for (const file of files) expect(modeOf(join(out, file)).toString(8), file).toBe('600');
  });
});
