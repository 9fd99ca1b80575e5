/**
 * The resilience matrix for GitBook (`rollcall export --source gitbook`): GitBook's 429 without
 * Retry-After (waiting for X-RateLimit-Reset, a second or several ahead), the rate limiter, 5xx bursts, resets mid-body, truncated and malformed JSON, latency past the timeout,
 * random faults, and members added or removed mid-export. Lists are cursor-paged, so a rule
 * picks a page with `skip`. Same rule as TransactionLink's: a byte-identical snapshot, or exit 1
 * and nothing left; the Bearer token nowhere.
 */
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { gitBookEnv, logLines } from '../e2e/support.js';
import { RunLedger } from '../support/run-ledger.js';
import { control } from '../support/sandbox-control.js';
import {
  afterAnswer,
  BEYOND_TIMEOUT_MS,
  cleanSnapshot,
  expectLedgerSafe,
  runScenario,
  type Scenario,
  type SourceSetup,
  TIMEOUT,
  throughout,
  timedOut,
} from './scenario.js';

const setup: SourceSetup = {
  sandboxOptions: { seed: 'resilience-gitbook', users: 3, workspaces: 1, gitbook: { members: 23, inviteLinks: 12 } },
  env: (sandbox) => gitBookEnv(sandbox),
  // Five members a page: five member pages and three invite-link pages.
  args: ['--source', 'gitbook', '--format', 'csv,json,ndjson', '--page-size', '5', '--concurrency', '3'],
  tokens: (sandbox) => [sandbox.gitbook.token],
};

const members = (sandbox: Sandbox) => `/v1/orgs/${sandbox.gitbook.organizationId}/members`;
const links = (sandbox: Sandbox) => `/v1/orgs/${sandbox.gitbook.organizationId}/link-invites`;
const ALL_KINDS = ['status-500', 'status-502', 'status-503', 'reset', 'truncate', 'malformed'] as const;

/** Once the first members page has been answered, changes the members through the control API. */
const afterFirstMembersPage = (change: (sandbox: Sandbox) => Promise<unknown>) =>
  afterAnswer(
    (entry, sandbox) => entry.path === members(sandbox) && !entry.query.includes('page=') && entry.status === 200,
    change,
  );

/** The second members page is held back a second: the change lands while the export pages. */
const secondMembersPageDelayed = (sandbox: Sandbox) => ({
  rules: [{ match: { path: members(sandbox) }, skip: 1, times: 1, fault: { kind: 'delay' as const, ms: 1000 } }],
});

const refetched = (result: Parameters<NonNullable<Scenario['met']>>[0]) =>
  logLines(result).some((line) => line.event === 'fetch.refetch');

const SCENARIOS: ReadonlyArray<Scenario> = [
  {
    // GitBook sends no Retry-After; with no rate limit configured the sandbox's 429 says Remaining 0, Reset next second.
    name: '429 waiting for X-RateLimit-Reset, a second ahead',
    faults: (sandbox) => ({
      rules: [{ match: { path: members(sandbox) }, skip: 1, times: 2, fault: { kind: 'status', status: 429 } }],
    }),
    expected: 'identical',
  },
  {
    name: '429 waiting for X-RateLimit-Reset, seconds ahead',
    // A generous bucket, slow to refill: every answer carries X-RateLimit-* with Reset ahead.
    faults: (sandbox) => ({
      rateLimit: { requestsPerSecond: 0.5, burst: 30 },
      rules: [{ match: { path: links(sandbox) }, times: 1, fault: { kind: 'status', status: 429 } }],
    }),
    expected: 'identical',
  },
  {
    name: 'rate limiter',
    faults: () => ({ rateLimit: { requestsPerSecond: 4, burst: 2 } }),
    expected: 'identical',
    met: (result, log) =>
      log.some((entry) => entry.status === 429) ||
      logLines(result).some((line) => line.event === 'request.rate-limit-wait'),
  },
  {
    name: '500 burst within the retries',
    faults: (sandbox) => ({
      rules: [{ match: { path: members(sandbox) }, skip: 1, times: 3, fault: { kind: 'status', status: 500 } }],
    }),
    expected: 'identical',
  },
  {
    name: '502 burst within the retries',
    faults: (sandbox) => ({
      rules: [{ match: { path: links(sandbox) }, times: 2, fault: { kind: 'status', status: 502 } }],
    }),
    expected: 'identical',
  },
  {
    name: '503 burst longer than the retries',
    faults: (sandbox) => ({
      rules: [{ match: { path: members(sandbox) }, skip: 2, times: 4, fault: { kind: 'status', status: 503 } }],
    }),
    expected: 'failed-cleanly',
  },
  {
    name: 'reset mid-body',
    faults: (sandbox) => ({
      rules: [{ match: { path: members(sandbox) }, skip: 1, times: 2, fault: { kind: 'reset' } }],
    }),
    expected: 'identical',
  },
  {
    name: 'reset that never ends',
    faults: (sandbox) => ({ rules: [{ match: { path: links(sandbox) }, skip: 1, fault: { kind: 'reset' } }] }),
    expected: 'failed-cleanly',
  },
  {
    name: 'truncated JSON',
    faults: (sandbox) => ({ rules: [{ match: { path: links(sandbox) }, times: 2, fault: { kind: 'truncate' } }] }),
    expected: 'identical',
  },
  {
    name: 'malformed JSON',
    faults: (sandbox) => ({
      rules: [{ match: { path: members(sandbox) }, skip: 3, times: 2, fault: { kind: 'malformed' } }],
    }),
    expected: 'identical',
  },
  {
    name: 'malformed JSON that never ends',
    faults: (sandbox) => ({ rules: [{ match: { path: members(sandbox) }, skip: 1, fault: { kind: 'malformed' } }] }),
    expected: 'failed-cleanly',
  },
  {
    name: 'latency on every request',
    faults: () => ({ latencyMs: 150 }),
    expected: 'identical',
    // Timers may fire a hair early against the clock the sandbox measures with.
    met: (_, log) => log.length > 0 && log.every((entry) => entry.durationMs >= 140),
  },
  {
    name: 'latency beyond the timeout, once',
    args: ['--timeout', TIMEOUT],
    faults: (sandbox) => ({
      rules: [{ match: { path: links(sandbox) }, skip: 1, times: 1, fault: { kind: 'delay', ms: BEYOND_TIMEOUT_MS } }],
    }),
    expected: 'identical',
    met: timedOut,
  },
  ...[0.2, 0.35, 0.5].map(
    (rate): Scenario => ({
      name: `random faults at ${rate * 100}%`,
      faults: () => ({ random: { rate, kinds: [...ALL_KINDS] } }),
      expected: 'either',
    }),
  ),
  {
    name: 'drift: a member added mid-export',
    faults: secondMembersPageDelayed,
    during: afterFirstMembersPage((sandbox) =>
      control(sandbox, 'POST', '/gitbook/members', { email: 'added.mid.export@example.com' }),
    ),
    dataChanges: true,
    expected: 'identical',
    met: refetched,
  },
  {
    name: 'drift: a member removed mid-export',
    faults: secondMembersPageDelayed,
    during: afterFirstMembersPage(async (sandbox) => {
      const all = await control<Array<{ id: string }>>(sandbox, 'GET', '/gitbook/members');
      await control(sandbox, 'DELETE', `/gitbook/members/${all.at(-1)!.id}`);
    }),
    dataChanges: true,
    expected: 'identical',
    met: refetched,
  },
  {
    name: 'drift: members added throughout',
    faults: (sandbox) => ({ rules: [{ match: { path: members(sandbox) }, fault: { kind: 'delay', ms: 200 } }] }),
    during: throughout((sandbox, n) =>
      control(sandbox, 'POST', '/gitbook/members', { email: `drift.${n}@example.com` }),
    ),
    dataChanges: true,
    expected: 'failed-cleanly',
    met: (result) => logLines(result).some((line) => line.error === 'EntityDrift'),
  },
];

const ledger = new RunLedger('GitBook resilience');
let reference: Map<string, Buffer>;

beforeAll(async () => {
  const sandbox = await startSandbox(setup.sandboxOptions);
  try {
    reference = await cleanSnapshot(setup, sandbox);
  } finally {
    await sandbox.close();
  }
});

afterAll(() => expectLedgerSafe(ledger, SCENARIOS));

describe.concurrent('GitBook exports under faults', () => {
  for (const scenario of SCENARIOS) {
    it(scenario.name, () => runScenario(setup, scenario, reference, ledger));
  }
});
