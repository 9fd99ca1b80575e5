/**
 * Shared setup of the exporter's end-to-end tests: the BUILT CLI (packages/exporter/dist/bin.js)
 * run as a subprocess under Node, Deno or Bun, against a real sandbox started in the test
 * process on an ephemeral port of 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runtimes } from '@rollcall/runtimes';
import type { Sandbox } from '@rollcall/sandbox';
import { afterAll, expect } from 'vitest';

/** The built CLI. */
export const CLI = fileURLToPath(new URL('../../packages/exporter/dist/bin.js', import.meta.url));

/** The data files of a TransactionLink snapshot, without extension. */
export const ENTITIES = [
  'users',
  'roles',
  'workspaces',
  'workspace-roles',
  'workspace-memberships',
  'enrollments',
] as const;

/** The data files of a GitBook snapshot, without extension. */
export const GITBOOK_ENTITIES = ['members', 'invite-links'] as const;

export type Runtime = 'node' | 'deno' | 'bun';

const commandFor = (runtime: Runtime): { command: string; prefix: ReadonlyArray<string> } => {
  switch (runtime) {
    case 'node':
      return { command: runtimes.node20, prefix: [CLI] };
    case 'deno':
      return { command: runtimes.deno, prefix: ['run', '-A', '--no-lock', CLI] };
    case 'bun':
      return { command: runtimes.bun, prefix: [CLI] };
  }
};

/** How a CLI run ended. */
export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  /** Environment on top of a minimal one (PATH, HOME); the caller's own TRANSACTIONLINK_* never leak in. */
  readonly env?: Readonly<Record<string, string>>;
  readonly runtime?: Runtime;
  readonly cwd?: string;
  /** Called with the child once it is started (to signal it). */
  readonly onStart?: (child: ReturnType<typeof spawn>) => void;
}

/** Runs `rollcall ...args` and collects its output. */
export const rollcall = (args: ReadonlyArray<string>, options: CliOptions = {}): Promise<CliResult> =>
  new Promise((resolve, reject) => {
    const { command, prefix } = commandFor(options.runtime ?? 'node');
    const child = spawn(command, [...prefix, ...args], {
      cwd: options.cwd ?? tmpdir(),
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? tmpdir(),
        NO_COLOR: '1',
        DENO_NO_UPDATE_CHECK: '1',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    options.onStart?.(child);
  });

/** The environment that points the CLI at `sandbox`. */
export const sandboxEnv = (sandbox: Sandbox, token = sandbox.token): Record<string, string> => ({
  TRANSACTIONLINK_BASE_URL: sandbox.url,
  TRANSACTIONLINK_TOKEN: token,
});

/** The environment that points `rollcall export --source gitbook` at the sandbox's GitBook organization. */
export const gitBookEnv = (sandbox: Sandbox, token = sandbox.gitbook.token): Record<string, string> => ({
  GITBOOK_BASE_URL: sandbox.gitbook.url,
  GITBOOK_TOKEN: token,
  GITBOOK_ORGANIZATION_ID: sandbox.gitbook.organizationId,
});

/** The JSON log lines of a run's stderr (the CLI logs JSON when stderr is not a terminal). */
export const logLines = (result: CliResult): Array<Record<string, unknown>> =>
  result.stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** A message for assertions: the whole run, so a failure shows what the CLI said. */
export const describeRun = (result: CliResult): string =>
  `exit ${result.code} (${result.signal ?? 'no signal'})\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`;

const made: Array<string> = [];

/** A fresh temporary folder, removed after the file's tests. */
export const temporaryDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-e2e-'));
  made.push(dir);
  return dir;
};

afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * Exports all formats from `sandbox` into `out` with the built CLI under `runtime`; expects
 * success. TransactionLink unless `source` is `gitbook`.
 */
export const exportAll = async (
  sandbox: Sandbox,
  out: string,
  options: {
    readonly runtime?: Runtime;
    readonly extra?: ReadonlyArray<string>;
    readonly source?: 'transactionlink' | 'gitbook';
  } = {},
): Promise<CliResult> => {
  const gitbook = options.source === 'gitbook';
  const args = ['export', '--out', out, '--format', 'csv,json,ndjson', ...(gitbook ? ['--source', 'gitbook'] : [])];
  const result = await rollcall([...args, ...(options.extra ?? [])], {
    env: gitbook ? gitBookEnv(sandbox) : sandboxEnv(sandbox),
    runtime: options.runtime,
  });
  expect(result.code, describeRun(result)).toBe(0);
  expect(result.stdout).toBe(`${out}\n`);
  return result;
};

/** Every file of a folder, by name, as bytes. */
export const filesOf = (dir: string): Map<string, Buffer> =>
  new Map(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name))]));

/** The data files of a snapshot (everything but the manifest), by name, as bytes. */
export const dataFilesOf = (dir: string): Map<string, Buffer> => {
  const files = filesOf(dir);
  files.delete('manifest.json');
  return files;
};

export const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/**
 * Asserts that `token` appears in none of the outputs and none of the files under `dirs` (nor,
 * therefore, any header value made from it, such as `Bearer <token>`).
 */
export const expectTokenNowhere = (
  token: string,
  results: ReadonlyArray<CliResult>,
  dirs: ReadonlyArray<string> = [],
) => {
  for (const result of results) {
    expect(result.stdout.includes(token), 'token in stdout').toBe(false);
    expect(result.stderr.includes(token), 'token in stderr').toBe(false);
  }
  for (const dir of dirs) {
    for (const [name, bytes] of filesOf(dir)) expect(bytes.includes(token), `token in ${name}`).toBe(false);
  }
};

/**
 * Compares every file with its `<name>.golden` in `goldenDir` as text (for a readable diff) and as
 * bytes (BOM, CRLF and encoding included). With ROLLCALL_UPDATE_GOLDEN=1 it first rewrites them:
 * regenerate deliberately, after reviewing why the bytes changed.
 */
export function expectGoldenFiles(files: ReadonlyMap<string, Buffer>, goldenDir: string): void {
  if (process.env.ROLLCALL_UPDATE_GOLDEN === '1') {
    mkdirSync(goldenDir, { recursive: true });
    for (const [name, bytes] of files) writeFileSync(join(goldenDir, `${name}.golden`), bytes);
  }
  for (const [name, bytes] of files) {
    const golden = join(goldenDir, `${name}.golden`);
    expect(existsSync(golden), `${golden} is missing; regenerate with ROLLCALL_UPDATE_GOLDEN=1`).toBe(true);
    expect(bytes.toString('utf8'), name).toBe(readFileSync(golden, 'utf8'));
    expect(sha256(bytes), name).toBe(sha256(readFileSync(golden)));
  }
}
