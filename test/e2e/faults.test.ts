/**
 * Fault runs: whatever the API does (429, 5xx, connection resets, truncated or malformed JSON,
 * totals moving between pages, a signal mid-run), an export either ends with a snapshot whose
 * data files are byte-identical to the fault-free one, or exits non-zero leaving nothing at the
 * target path (and no temporary folder beside it). The token appears in no output.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FaultConfig, Sandbox } from '@rollcall/sandbox';
import { startSandbox } from '@rollcall/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type CliOptions,
  type CliResult,
  dataFilesOf,
  describeRun,
  expectTokenNowhere,
  logLines,
  rollcall,
  sandboxEnv,
  temporaryDir,
} from './support.js';

let sandbox: Sandbox;
let baseline: Map<string, Buffer>;
const runs: Array<CliResult> = [];
const snapshots: Array<string> = [];

const ARGS = ['--format', 'csv,json,ndjson', '--page-size', '10', '--concurrency', '3'];

type Child = Parameters<NonNullable<CliOptions['onStart']>>[0];

const exportWith = async (faults: FaultConfig, onStart?: (child: Child, parent: string) => void) => {
  sandbox.control.setFaults(faults);
  const parent = temporaryDir();
  const out = join(parent, 'snap');
  const result = await rollcall(['export', '--out', out, ...ARGS], {
    env: sandboxEnv(sandbox),
    onStart: onStart && ((child) => onStart(child, parent)),
  });
  runs.push(result);
  if (existsSync(out)) snapshots.push(out);
  return { result, out, parent };
};

/** The outcome every fault run must have: identical data, or a failure that left nothing. */
const expectIdenticalOrNothing = (run: { result: CliResult; out: string; parent: string }) => {
  if (run.result.code === 0) {
    expect(dataFilesOf(run.out)).toEqual(baseline);
  } else {
    expect(run.result.code, describeRun(run.result)).toBe(1);
    expect(readdirSync(run.parent), 'nothing at the target, no temporary folder').toEqual([]);
  }
};

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'faults', users: 40, workspaces: 3 });
  const { result, out } = await exportWith({});
  expect(result.code, describeRun(result)).toBe(0);
  baseline = dataFilesOf(out);
});
beforeEach(() => sandbox.control.setFaults({}));
afterAll(async () => {
  // Whatever happened above, the token never showed up in an output or a file.
  expectTokenNowhere(sandbox.token, runs, snapshots);
  await sandbox?.close();
});

describe('transient faults', () => {
  it('are retried (429 with Retry-After, 5xx, reset, truncated and malformed JSON) into an identical snapshot', async () => {
    const run = await exportWith({
      rules: [
        {
          match: { path: '/organizations/users', query: { page: '1' } },
          times: 1,
          fault: { kind: 'status', status: 429, retryAfter: '1' },
        },
        { match: { path: '/organizations/users', query: { page: '2' } }, times: 1, fault: { kind: 'truncate' } },
        { match: { path: '/organizations/enrollments' }, times: 2, fault: { kind: 'status', status: 503 } },
        { match: { path: '/organizations/roles' }, times: 1, fault: { kind: 'reset' } },
        { match: { method: 'GET', pathPrefix: '/organizations/workspaces/' }, times: 2, fault: { kind: 'malformed' } },
        { match: { path: '/organizations/workspaces' }, times: 1, fault: { kind: 'status', status: 502 } },
      ],
    });
    expect(run.result.code, describeRun(run.result)).toBe(0);
    expect(dataFilesOf(run.out)).toEqual(baseline);
    const manifest = JSON.parse(readFileSync(join(run.out, 'manifest.json'), 'utf8'));
    expect(manifest.counts.retries).toBe(8);
    const retries = logLines(run.result).filter((line) => line.event === 'request.retry');
    expect(retries).toHaveLength(8);
    // The 429's Retry-After of one second is honoured: a lower bound the client guarantees.
    const afterRateLimit = retries.find((line) => String(line.reason).includes('429'));
    expect(Number(afterRateLimit?.delayMs)).toBeGreaterThanOrEqual(1000);
  });

  it('at random, end in an identical snapshot or in exit 1 with nothing left behind', async () => {
    for (const rate of [0.2, 0.45]) {
      expectIdenticalOrNothing(
        await exportWith({
          random: { rate, kinds: ['status-500', 'status-502', 'status-503', 'reset', 'truncate', 'malformed'] },
        }),
      );
    }
  });
});

describe('persistent faults', () => {
  it('fail the run closed: a page that keeps failing exits 1 and leaves nothing', async () => {
    const run = await exportWith({
      rules: [
        { match: { path: '/organizations/users', query: { page: '2' } }, fault: { kind: 'status', status: 500 } },
      ],
    });
    expect(run.result.code, describeRun(run.result)).toBe(1);
    expect(run.result.stdout).toBe('');
    expect(readdirSync(run.parent)).toEqual([]);
    const error = logLines(run.result).at(-1)!;
    expect(error).toMatchObject({ level: 'error', error: 'SourceFailure', exitCode: 1 });
    expect(String(error.message)).toMatch(/^users: GET \/organizations\/users → 500 /);
  });
});

describe('data moving during the export', () => {
  const driftingPageOne = async () => {
    const response = await fetch(`${sandbox.url}/organizations/users?page=1&size=10`, {
      headers: { Authorization: sandbox.token },
    });
    const page = await response.json();
    return { ...page, totalElements: page.totalElements + 1 };
  };

  it('makes the export fetch the entity again, once, into an identical snapshot', async () => {
    const body = await driftingPageOne();
    const run = await exportWith({
      rules: [
        { match: { path: '/organizations/users', query: { page: '1' } }, times: 1, fault: { kind: 'body', body } },
      ],
    });
    expect(run.result.code, describeRun(run.result)).toBe(0);
    expect(dataFilesOf(run.out)).toEqual(baseline);
    expect(JSON.parse(readFileSync(join(run.out, 'manifest.json'), 'utf8')).counts.refetches).toBe(1);
    expect(logLines(run.result).filter((line) => line.event === 'fetch.refetch')).toEqual([
      expect.objectContaining({ level: 'warn', entity: 'users' }),
    ]);
  });

  it('fails with a clear message when it does not settle, leaving nothing', async () => {
    const body = await driftingPageOne();
    const run = await exportWith({
      rules: [{ match: { path: '/organizations/users', query: { page: '1' } }, fault: { kind: 'body', body } }],
    });
    expect(run.result.code, describeRun(run.result)).toBe(1);
    expect(readdirSync(run.parent)).toEqual([]);
    expect(logLines(run.result).at(-1)).toMatchObject({
      error: 'EntityDrift',
      message: expect.stringMatching(/^users changed while it was being exported: .*again when fetched a second time/),
    });
  });

  it('is caught when the rows do not add up to the total the API announced', async () => {
    const response = await fetch(`${sandbox.url}/organizations/users?page=3&size=10`, {
      headers: { Authorization: sandbox.token },
    });
    const lastPage = await response.json();
    const short = { ...lastPage, content: lastPage.content.slice(1) };
    const run = await exportWith({
      rules: [
        {
          match: { path: '/organizations/users', query: { page: '3' } },
          times: 1,
          fault: { kind: 'body', body: short },
        },
      ],
    });
    expect(run.result.code, describeRun(run.result)).toBe(0);
    expect(dataFilesOf(run.out)).toEqual(baseline);
    const refetch = logLines(run.result).find((line) => line.event === 'fetch.refetch');
    expect(String(refetch?.message)).toContain('the API announced 40 in total but 39 arrived');
  });
});

describe('a signal mid-export', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} stops the run and removes the temporary folder`, async () => {
      const run = await exportWith({ latencyMs: 150 }, (child, parent) => {
        // Signal once the temporary folder exists, i.e. while the export is fetching into it.
        const poll = setInterval(() => {
          if (readdirSync(parent).some((name) => name.startsWith('.snap.partial-'))) {
            clearInterval(poll);
            child.kill(signal);
          }
        }, 20);
        child.on('close', () => clearInterval(poll));
      });
      expect(run.result.code, describeRun(run.result)).toBe(130);
      expect(readdirSync(run.parent)).toEqual([]);
      expect(logLines(run.result).at(-1)).toMatchObject({ error: 'Interrupted', exitCode: 130 });
    });
  }
});
