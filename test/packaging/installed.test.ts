/**
 * The packages as their users get them: `pnpm pack` each of the five, install the tarballs into
 * fresh projects outside the repository (with npm, and with bun), then run a consumer of the
 * Promise facade and of the Effect API, and `rollcall export` + `verify` from the installed bin, on
 * Node 20, Node 24, Deno and Bun against the sandbox; and type-check the consumer under
 * moduleResolution nodenext and bundler. Third-party dependencies come from the npm registry.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runtimes } from '@rollcall/runtimes';
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageName, packInto, root, tarballPath } from './pack.js';

const run = promisify(execFile);
const consumerDir = fileURLToPath(new URL('./consumer', import.meta.url));
const PACKAGE_DIRS = [
  'generated/transactionlink',
  'generated/gitbook',
  'packages/client',
  'packages/sandbox',
  'packages/exporter',
];
const USERS = 120;

let scratch: string;
let npmProject: string;
let bunProject: string;
let sandbox: Sandbox;

/** A fresh project depending on the five tarballs (and effect, for the Effect API). */
const makeProject = (dir: string, tarballs: Record<string, string>, overrides: boolean): void => {
  const dependencies = { ...tarballs, effect: '3.22.4' };
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies, ...(overrides && { overrides: tarballs }) }, null, 2)}\n`,
  );
  for (const file of ['consumer.mjs', 'consumer.ts']) copyFileSync(join(consumerDir, file), join(dir, file));
};

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'rollcall-installed-'));
  const packs = join(scratch, 'tarballs');
  const tarballs: Record<string, string> = {};
  packInto(PACKAGE_DIRS, packs);
  for (const dir of PACKAGE_DIRS) tarballs[packageName(dir)] = `file:${tarballPath(dir, packs)}`;
  npmProject = mkdtempSync(join(scratch, 'npm-'));
  bunProject = mkdtempSync(join(scratch, 'bun-'));
  makeProject(npmProject, tarballs, false);
  // bun resolves a tarball's own @rollcall/* dependencies from the registry unless overridden.
  makeProject(bunProject, tarballs, true);
  await Promise.all([
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline'], { cwd: npmProject }),
    run(runtimes.bun, ['install', '--no-progress'], { cwd: bunProject }),
  ]);
  sandbox = await startSandbox({ seed: 'installed', users: USERS, enrollments: 40, workspaces: 2 });
}, 300_000);

afterAll(async () => {
  await sandbox?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const env = () => ({
  ...process.env,
  TRANSACTIONLINK_BASE_URL: sandbox.url,
  TRANSACTIONLINK_TOKEN: sandbox.token,
  NO_COLOR: '1',
});

const RUNTIMES = [
  { name: 'Node 20', command: () => [runtimes.node20], project: () => npmProject },
  { name: 'Node 24', command: () => [runtimes.node24], project: () => npmProject },
  { name: 'Deno', command: () => [runtimes.deno, 'run', '-A'], project: () => npmProject },
  { name: 'Bun', command: () => [runtimes.bun], project: () => bunProject },
] as const;

describe.each(RUNTIMES)('installed from the tarballs, on $name', ({ command, project }) => {
  const exec = (args: string[]) => {
    const [program, ...first] = command();
    return run(program as string, [...first, ...args], { cwd: project(), env: env(), timeout: 120_000 });
  };

  it('a consumer reads every user through the Promise facade and through the Effect API', async () => {
    const { stdout } = await exec(['consumer.mjs']);
    expect(JSON.parse(stdout)).toEqual({ viaPromise: USERS, viaEffect: USERS });
  }, 120_000);

  it('the installed rollcall exports a snapshot and verifies it', async () => {
    const bin = join(project(), 'node_modules', '@rollcall', 'exporter', 'dist', 'bin.js');
    const out = join(project(), `snapshot-${command()[0]?.split('/').pop()}-${Date.now()}`);
    const exported = await exec([bin, 'export', '--out', out, '--format', 'csv,json', '--quiet']);
    expect(exported.stdout.trim()).toBe(out);
    const users = JSON.parse(readFileSync(join(out, 'users.json'), 'utf8')) as Array<unknown>;
    expect(users).toHaveLength(USERS);
    const verified = await exec([bin, 'verify', out]);
    expect(verified.stdout).toMatch(/intact|verified|ok/i);
  }, 120_000);
});

describe.each([
  { resolution: 'nodenext', module: 'nodenext' },
  { resolution: 'bundler', module: 'esnext' },
])('the consumer type-checks under moduleResolution $resolution', ({ resolution, module }) => {
  it('with no errors', async () => {
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const args = ['--noEmit', '--strict', '--target', 'es2022', '--module', module, '--moduleResolution', resolution];
    const result = await run(
      process.execPath,
      [tsc, ...args, '--lib', 'es2022,dom,dom.asynciterable', '--skipLibCheck', 'consumer.ts'],
      { cwd: npmProject },
    ).catch((error: { stdout: string }) => ({ stdout: error.stdout, failed: true }));
    expect(result.stdout).toBe('');
  }, 120_000);
});
