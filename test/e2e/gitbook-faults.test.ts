/**
 * GitBook fault runs: whatever the API does (GitBook's 429 with `X-RateLimit-Reset` and no
 * `Retry-After`, 5xx, connection resets, truncated or malformed JSON, a `count` that moves, an id
 * that comes twice, rows that do not add up), `rollcall export --source gitbook` either ends with
 * data files byte-identical to the fault-free run's, or exits 1 leaving nothing at the target
 * (and no temporary folder beside it). The token appears in no output and no file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FaultConfig, Sandbox } from '@rollcall/sandbox';
import { startSandbox } from '@rollcall/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type CliResult,
  dataFilesOf,
  describeRun,
  expectTokenNowhere,
  gitBookEnv,
  logLines,
  rollcall,
  temporaryDir,
} from './support.js';

const MEMBERS = 23;
const PAGE_SIZE = 5;
const ARGS = [
  '--source',
  'gitbook',
  '--format',
  'csv,json,ndjson',
  '--page-size',
  String(PAGE_SIZE),
  '--concurrency',
  '3',
];

let sandbox: Sandbox;
let baseline: Map<string, Buffer>;
let membersPath: string;
let linksPath: string;
const runs: Array<CliResult> = [];
const snapshots: Array<string> = [];

const exportWith = async (faults: FaultConfig) => {
  sandbox.control.setFaults(faults);
  sandbox.control.clearRequests();
  const parent = temporaryDir();
  const out = join(parent, 'snap');
  const result = await rollcall(['export', '--out', out, ...ARGS], { env: gitBookEnv(sandbox) });
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

const manifestOf = (out: string) => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));

interface MemberPage {
  items: Array<{ id: string }>;
  next?: { page: string };
  count: number;
}

/** The real pages of the member list, as the API sends them at PAGE_SIZE a page. */
const memberPages = async (): Promise<Array<MemberPage>> => {
  const pages: Array<MemberPage> = [];
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE), ...(cursor ? { page: cursor } : {}) });
    const response = await fetch(`${sandbox.gitbook.url}${membersPath.slice('/v1'.length)}?${query}`, {
      headers: { Authorization: `Bearer ${sandbox.gitbook.token}` },
    });
    const page = (await response.json()) as MemberPage;
    pages.push(page);
    cursor = page.next?.page;
  } while (cursor);
  return pages;
};

beforeAll(async () => {
  sandbox = await startSandbox({
    seed: 'gitbook-faults',
    users: 3,
    workspaces: 1,
    gitbook: { members: MEMBERS, inviteLinks: 9 },
  });
  membersPath = `/v1/orgs/${sandbox.gitbook.organizationId}/members`;
  linksPath = `/v1/orgs/${sandbox.gitbook.organizationId}/link-invites`;
  const { result, out } = await exportWith({});
  expect(result.code, describeRun(result)).toBe(0);
  baseline = dataFilesOf(out);
});
beforeEach(() => sandbox.control.setFaults({}));
afterAll(async () => {
  // Whatever happened above, the token (and so its `Bearer` form) never showed up in an output or a file.
  expectTokenNowhere(sandbox.gitbook.token, runs, snapshots);
  await sandbox?.close();
});

describe('transient faults', () => {
  it("are retried (GitBook's 429 waiting for X-RateLimit-Reset, 503, reset, truncated and malformed JSON) into an identical snapshot", async () => {
    const run = await exportWith({
      // A generous bucket, slow to refill: every answer carries X-RateLimit-* and Reset lies >= 2 s ahead.
      rateLimit: { requestsPerSecond: 0.5, burst: 30 },
      rules: [
        { match: { path: membersPath }, times: 1, fault: { kind: 'status', status: 429 } },
        { match: { path: membersPath }, skip: 1, times: 1, fault: { kind: 'truncate' } },
        { match: { path: membersPath }, skip: 2, times: 1, fault: { kind: 'reset' } },
        { match: { path: linksPath }, times: 2, fault: { kind: 'status', status: 503 } },
        { match: { path: linksPath }, skip: 1, times: 1, fault: { kind: 'malformed' } },
      ],
    });
    expect(run.result.code, describeRun(run.result)).toBe(0);
    expect(dataFilesOf(run.out)).toEqual(baseline);
    expect(manifestOf(run.out).counts.retries).toBe(6);
    const retries = logLines(run.result).filter((line) => line.event === 'request.retry');
    expect(retries).toHaveLength(6);
    // GitBook sends no Retry-After: the 429 is retried once X-RateLimit-Reset has come, >= 2 s after it was sent.
    const afterRateLimit = retries.find((line) => String(line.reason).includes('429'));
    expect(afterRateLimit, JSON.stringify(retries)).toBeDefined();
    expect(Number(afterRateLimit?.delayMs)).toBeGreaterThanOrEqual(1000);
    const statuses = sandbox.control.requests().map((entry) => entry.status);
    expect(statuses.filter((status) => status === 429)).toHaveLength(1);
  });

  it('from the rate limit itself are waited out into an identical snapshot', async () => {
    const run = await exportWith({ rateLimit: { requestsPerSecond: 4, burst: 2 } });
    expect(run.result.code, describeRun(run.result)).toBe(0);
    expect(dataFilesOf(run.out)).toEqual(baseline);
    // The bucket was spent: the client either got a 429 or held requests back until Reset.
    const events = logLines(run.result).map((line) => line.event);
    expect(events.some((event) => event === 'request.rate-limit-wait' || event === 'request.retry')).toBe(true);
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
      rules: [{ match: { path: membersPath }, skip: 1, fault: { kind: 'status', status: 500 } }],
    });
    expect(run.result.code, describeRun(run.result)).toBe(1);
    expect(run.result.stdout).toBe('');
    expect(readdirSync(run.parent)).toEqual([]);
    const error = logLines(run.result).at(-1)!;
    expect(error).toMatchObject({ level: 'error', error: 'SourceFailure', exitCode: 1 });
    expect(String(error.message)).toMatch(/^members: GET \/orgs\/\S+\/members → 500/);
  });
});

describe('data moving during the export', () => {
  const onSecondPage = (body: unknown, times?: number): FaultConfig => ({
    rules: [{ match: { path: membersPath }, skip: 1, ...(times ? { times } : {}), fault: { kind: 'body', body } }],
  });

  it('a count that moves between pages makes the export fetch members again, once, into an identical snapshot', async () => {
    const [, second] = await memberPages();
    const run = await exportWith(onSecondPage({ ...second, count: MEMBERS + 1 }, 1));
    expect(run.result.code, describeRun(run.result)).toBe(0);
    expect(dataFilesOf(run.out)).toEqual(baseline);
    expect(manifestOf(run.out).counts.refetches).toBe(1);
    const refetches = logLines(run.result).filter((line) => line.event === 'fetch.refetch');
    expect(refetches).toEqual([expect.objectContaining({ level: 'warn', entity: 'members' })]);
    expect(String(refetches[0]!.message)).toContain(`the count moved from ${MEMBERS} to ${MEMBERS + 1} at page 2`);
  });

  it('a member id that comes twice makes the export fetch members again, once, into an identical snapshot', async () => {
    const [first, second] = await memberPages();
    const repeated = { ...second!, items: [first!.items.at(-1)!, ...second!.items.slice(1)] };
    const run = await exportWith(onSecondPage(repeated, 1));
    expect(run.result.code, describeRun(run.result)).toBe(0);
    expect(dataFilesOf(run.out)).toEqual(baseline);
    const refetch = logLines(run.result).find((line) => line.event === 'fetch.refetch');
    expect(String(refetch?.message)).toContain(`the row with id ${first!.items.at(-1)!.id} came twice`);
  });

  it('rows that do not add up to the count are caught and fetched again', async () => {
    const [, second] = await memberPages();
    const run = await exportWith(onSecondPage({ ...second!, items: second!.items.slice(1) }, 1));
    expect(run.result.code, describeRun(run.result)).toBe(0);
    expect(dataFilesOf(run.out)).toEqual(baseline);
    const refetch = logLines(run.result).find((line) => line.event === 'fetch.refetch');
    expect(String(refetch?.message)).toContain(`the API counted ${MEMBERS} in total but ${MEMBERS - 1} arrived`);
  });

  it('fails with a clear message when it does not settle, leaving nothing', async () => {
    const [, second] = await memberPages();
    const run = await exportWith(onSecondPage({ ...second, count: MEMBERS + 1 }));
    expect(run.result.code, describeRun(run.result)).toBe(1);
    expect(readdirSync(run.parent)).toEqual([]);
    expect(logLines(run.result).at(-1)).toMatchObject({
      error: 'EntityDrift',
      message: expect.stringMatching(
        /^members changed while it was being exported: .*again when fetched a second time/,
      ),
    });
  });
});
