/**
 * The resilience matrix for TransactionLink: the built CLI exports under 429s (with Retry-After
 * in seconds, as an HTTP-date, or none, from rules and from the rate limiter), 5xx bursts,
 * connection resets mid-body, truncated and malformed JSON, a wrong body, latency past the
 * client's timeout, random faults, and users added or removed mid-export. Every run must end
 * with a snapshot byte-identical to the fault-free one (data files) or with exit 1 and nothing
 * at the target path nor beside it; the token must be nowhere, debug logging included.
 */
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { logLines, sandboxEnv } from '../e2e/support.js';
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
  sandboxOptions: { seed: 'resilience', users: 45, workspaces: 3 },
  env: (sandbox) => sandboxEnv(sandbox),
  // Small pages, so that users (5 pages) and enrollments (3 pages) are paged concurrently.
  args: ['--format', 'csv,json,ndjson', '--page-size', '10', '--concurrency', '3'],
  tokens: (sandbox) => [sandbox.token],
};

const USERS = '/organizations/users';
const ENROLLMENTS = '/organizations/enrollments';
const ROLES = '/organizations/roles';
const WORKSPACES = '/organizations/workspaces';
const page = (path: string, number: number) => ({ path, query: { page: String(number) } });
const ALL_KINDS = ['status-500', 'status-502', 'status-503', 'reset', 'truncate', 'malformed'] as const;

/** Seconds ahead of now as an HTTP-date (IMF-fixdate, whole seconds). */
const httpDate = (seconds: number) => new Date(Date.now() + seconds * 1000).toUTCString();

/** A real users page with its first user's required `email` removed. */
const pageWithoutEmail = async (sandbox: Sandbox) => {
  const response = await fetch(`${sandbox.url}${USERS}?page=1&size=10`, { headers: { Authorization: sandbox.token } });
  const body = (await response.json()) as { content: Array<Record<string, unknown>> };
  const { email: _, ...withoutEmail } = body.content[0]!;
  return { ...body, content: [withoutEmail, ...body.content.slice(1)] };
};

/** Once the first users page has been answered, changes the users through the control API. */
const afterFirstUsersPage = (change: (sandbox: Sandbox) => Promise<unknown>) =>
  afterAnswer((entry) => entry.path === USERS && entry.query.includes('page=0') && entry.status === 200, change);

const SCENARIOS: ReadonlyArray<Scenario> = [
  // 429s
  {
    name: '429 with Retry-After seconds',
    faults: () => ({
      rules: [{ match: page(USERS, 1), times: 2, fault: { kind: 'status', status: 429, retryAfter: '1' } }],
    }),
    expected: 'identical',
  },
  {
    name: '429 with Retry-After HTTP-date',
    faults: () => ({
      rules: [
        { match: page(ENROLLMENTS, 0), times: 1, fault: { kind: 'status', status: 429, retryAfter: httpDate(2) } },
      ],
    }),
    expected: 'identical',
  },
  {
    name: '429 without Retry-After',
    faults: () => ({ rules: [{ match: { path: ROLES }, times: 2, fault: { kind: 'status', status: 429 } }] }),
    expected: 'identical',
  },
  {
    name: 'rate limiter, Retry-After seconds',
    faults: () => ({ rateLimit: { requestsPerSecond: 8, burst: 4, retryAfter: 'seconds' } }),
    expected: 'identical',
  },
  {
    name: 'rate limiter, Retry-After HTTP-date',
    faults: () => ({ rateLimit: { requestsPerSecond: 8, burst: 4, retryAfter: 'http-date' } }),
    expected: 'identical',
  },
  {
    // Backoff alone (250 ms doubling, jittered) against an 8/s bucket: usually enough, not promised.
    name: 'rate limiter, no Retry-After',
    faults: () => ({ rateLimit: { requestsPerSecond: 8, burst: 4, retryAfter: 'none' } }),
    expected: 'either',
  },
  {
    name: '429 asking longer than maxRetryAfter',
    faults: () => ({
      rules: [{ match: page(USERS, 2), fault: { kind: 'status', status: 429, retryAfter: '120' } }],
    }),
    expected: 'failed-cleanly',
  },
  // 5xx bursts
  {
    name: '500 burst within the retries',
    faults: () => ({ rules: [{ match: page(USERS, 2), times: 3, fault: { kind: 'status', status: 500 } }] }),
    expected: 'identical',
  },
  {
    name: '502 burst within the retries',
    faults: () => ({ rules: [{ match: { path: WORKSPACES }, times: 2, fault: { kind: 'status', status: 502 } }] }),
    expected: 'identical',
  },
  {
    name: '503 burst within the retries',
    faults: () => ({ rules: [{ match: page(ENROLLMENTS, 1), times: 3, fault: { kind: 'status', status: 503 } }] }),
    expected: 'identical',
  },
  {
    name: '5xx bursts across entities',
    faults: () => ({
      rules: [
        { match: { pathPrefix: `${WORKSPACES}/` }, times: 2, fault: { kind: 'status', status: 500 } },
        { match: page(USERS, 3), times: 2, fault: { kind: 'status', status: 503, retryAfter: '1' } },
        { match: { path: ROLES }, times: 1, fault: { kind: 'status', status: 502 } },
      ],
    }),
    expected: 'identical',
  },
  {
    name: '503 burst longer than the retries',
    faults: () => ({ rules: [{ match: page(ENROLLMENTS, 1), times: 4, fault: { kind: 'status', status: 503 } }] }),
    expected: 'failed-cleanly',
  },
  {
    name: '500 that never ends',
    faults: () => ({ rules: [{ match: page(USERS, 2), fault: { kind: 'status', status: 500 } }] }),
    expected: 'failed-cleanly',
  },
  // Broken bodies
  {
    name: 'reset mid-body on a page',
    faults: () => ({ rules: [{ match: page(USERS, 1), times: 2, fault: { kind: 'reset' } }] }),
    expected: 'identical',
  },
  {
    name: 'reset mid-body on whole lists',
    faults: () => ({ rules: [{ match: { pathPrefix: `${WORKSPACES}/` }, times: 3, fault: { kind: 'reset' } }] }),
    expected: 'identical',
  },
  {
    name: 'reset that never ends',
    faults: () => ({ rules: [{ match: { path: ROLES }, fault: { kind: 'reset' } }] }),
    expected: 'failed-cleanly',
  },
  {
    name: 'truncated JSON',
    faults: () => ({ rules: [{ match: page(ENROLLMENTS, 0), times: 2, fault: { kind: 'truncate' } }] }),
    expected: 'identical',
  },
  {
    name: 'truncated JSON that never ends',
    faults: () => ({ rules: [{ match: page(ENROLLMENTS, 2), fault: { kind: 'truncate' } }] }),
    expected: 'failed-cleanly',
  },
  {
    name: 'malformed JSON',
    faults: () => ({
      rules: [
        { match: page(USERS, 4), times: 2, fault: { kind: 'malformed' } },
        { match: { path: ROLES }, times: 1, fault: { kind: 'malformed' } },
      ],
    }),
    expected: 'identical',
  },
  {
    name: 'malformed JSON that never ends',
    faults: () => ({ rules: [{ match: { path: WORKSPACES }, fault: { kind: 'malformed' } }] }),
    expected: 'failed-cleanly',
  },
  {
    name: 'well-formed body missing a required field',
    faults: async (sandbox) => ({
      rules: [{ match: page(USERS, 1), fault: { kind: 'body', body: await pageWithoutEmail(sandbox) } }],
    }),
    expected: 'failed-cleanly',
  },
  {
    name: '401 in the middle of the run',
    faults: () => ({ rules: [{ match: page(ENROLLMENTS, 1), fault: { kind: 'status', status: 401 } }] }),
    expected: 'failed-cleanly',
  },
  // Latency
  {
    name: 'latency on every request',
    faults: () => ({ latencyMs: 150 }),
    expected: 'identical',
    // Timers may fire a hair early against the clock the sandbox measures with.
    met: (_, log) => log.length > 0 && log.every((entry) => entry.durationMs >= 140),
  },
  {
    // One attempt outlives --timeout (the default's behaviour, 30 s, without waiting for it), is
    // aborted, and the retry gets the page.
    name: 'latency beyond the timeout, once',
    args: ['--timeout', TIMEOUT],
    faults: () => ({ rules: [{ match: { path: ROLES }, times: 1, fault: { kind: 'delay', ms: BEYOND_TIMEOUT_MS } }] }),
    expected: 'identical',
    // The sandbox logs no answer for the attempt the client gave up on; the CLI's log says it.
    met: timedOut,
  },
  // Random faults (seeded)
  ...[0.2, 0.35, 0.5].map(
    (rate): Scenario => ({
      name: `random faults at ${rate * 100}%`,
      faults: () => ({ random: { rate, kinds: [...ALL_KINDS] } }),
      expected: 'either',
    }),
  ),
  // The data moving under the export
  {
    name: 'page drift: a user added mid-export',
    faults: () => ({ rules: [{ match: page(USERS, 1), times: 1, fault: { kind: 'delay', ms: 1000 } }] }),
    during: afterFirstUsersPage((sandbox) =>
      control(sandbox, 'POST', '/users', { email: 'added.mid.export@example.com', firstName: 'Added' }),
    ),
    dataChanges: true,
    expected: 'identical',
    met: (result) => logLines(result).some((line) => line.event === 'fetch.refetch'),
  },
  {
    name: 'page drift: a user removed mid-export',
    faults: () => ({ rules: [{ match: page(USERS, 1), times: 1, fault: { kind: 'delay', ms: 1000 } }] }),
    during: afterFirstUsersPage(async (sandbox) => {
      const response = await fetch(`${sandbox.url}${USERS}?page=4&size=10`, {
        headers: { Authorization: sandbox.token },
      });
      const last = ((await response.json()) as { content: Array<{ id: string }> }).content.at(-1)!;
      await control(sandbox, 'DELETE', `/users/${last.id}`);
    }),
    dataChanges: true,
    expected: 'identical',
    met: (result) => logLines(result).some((line) => line.event === 'fetch.refetch'),
  },
  {
    name: 'page drift: users added throughout',
    faults: () => ({ rules: [{ match: { path: USERS }, fault: { kind: 'delay', ms: 200 } }] }),
    during: throughout((sandbox, n) => control(sandbox, 'POST', '/users', { email: `drift.${n}@example.com` })),
    dataChanges: true,
    expected: 'failed-cleanly',
    met: (result) => logLines(result).some((line) => line.error === 'EntityDrift'),
  },
];

const ledger = new RunLedger('TransactionLink resilience');
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

describe.concurrent('TransactionLink exports under faults', () => {
  for (const scenario of SCENARIOS) {
    it(scenario.name, () => runScenario(setup, scenario, reference, ledger));
  }
});
