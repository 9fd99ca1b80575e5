/** Child processes of the bench: the sandbox under measurement, and timed runs of commands. */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { FaultConfig, SandboxOptions } from '@rollcall/sandbox';

/** The repository's root folder. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The built CLI. */
export const CLI = fileURLToPath(new URL('../../../packages/exporter/dist/bin.js', import.meta.url));

/** How a command ended, and how long it took from spawn to exit. */
export interface Completed {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly wallMs: number;
}

export interface RunOptions {
  readonly cwd?: string;
  /** The whole environment of the child (nothing of the bench's own is passed on unless given). */
  readonly env?: Readonly<Record<string, string>>;
}

/** A minimal environment: PATH and HOME, no colours, no update checks. */
export const baseEnv = (): Record<string, string> => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '/tmp',
  NO_COLOR: '1',
  DENO_NO_UPDATE_CHECK: '1',
});

/** Runs `command args` to completion and times it (wall clock, spawn to exit). */
export const runTimed = (command: string, args: ReadonlyArray<string>, options: RunOptions = {}): Promise<Completed> =>
  new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: options.cwd ?? ROOT,
      env: options.env ?? baseEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, wallMs: performance.now() - started }));
  });

/** Throws with the command's output when it did not exit 0. */
export const expectSuccess = (what: string, result: Completed): Completed => {
  if (result.code !== 0) {
    throw new Error(`${what} exited ${result.code ?? result.signal}\n${result.stderr.slice(-4000)}`);
  }
  return result;
};

/** A sandbox running in a child process (scripts/bench/sandbox-process.ts). */
export interface SandboxProcess {
  readonly url: string;
  readonly token: string;
  /** How long `startSandbox` took inside the child, seed data included. */
  readonly startupMs: number;
  /** From spawn to the line saying it listens: Node start, module loading and `startupMs`. */
  readonly readyMs: number;
  readonly pid: number;
  /** Replaces the fault config through the control API (`PUT /_sandbox/faults`). */
  setFaults(faults: FaultConfig): Promise<void>;
  /** The request log through the control API (`GET /_sandbox/requests`). */
  requests(): Promise<ReadonlyArray<{ readonly status: number; readonly fault?: string }>>;
  clearRequests(): Promise<void>;
  close(): Promise<void>;
}

const SANDBOX_SCRIPT = fileURLToPath(new URL('../sandbox-process.ts', import.meta.url));

const control = async (url: string, method: string, path: string, body?: unknown): Promise<unknown> => {
  const response = await fetch(`${url}/_sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`sandbox control ${method} ${path}: ${response.status} ${text}`);
  return text === '' ? undefined : JSON.parse(text);
};

/** Starts a sandbox in a child process of its own and waits until it listens. */
export const startSandboxProcess = async (options: SandboxOptions): Promise<SandboxProcess> => {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', SANDBOX_SCRIPT, JSON.stringify(options)], {
    cwd: ROOT,
    env: baseEnv(),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`the sandbox process exited (${code}) before it listened`);
  });
  const [line] = (await Promise.race([once(lines, 'line'), exited])) as [string];
  const readyMs = performance.now() - started;
  const { url, token, startupMs } = JSON.parse(line) as { url: string; token: string; startupMs: number };
  return {
    url,
    token,
    startupMs,
    readyMs,
    pid: child.pid!,
    setFaults: async (faults) => void (await control(url, 'PUT', '/faults', faults)),
    requests: async () => (await control(url, 'GET', '/requests')) as ReadonlyArray<{ status: number; fault?: string }>,
    clearRequests: async () => void (await control(url, 'DELETE', '/requests')),
    close: async () => {
      if (child.exitCode !== null) return;
      const gone = once(child, 'exit');
      child.stdin!.end();
      child.kill('SIGTERM');
      await gone;
    },
  };
};

/** Runs `body` with a sandbox process, closing it whatever happens. */
export const withSandboxProcess = async <A>(
  options: SandboxOptions,
  body: (sandbox: SandboxProcess) => Promise<A>,
): Promise<A> => {
  const sandbox = await startSandboxProcess(options);
  try {
    return await body(sandbox);
  } finally {
    await sandbox.close();
  }
};
