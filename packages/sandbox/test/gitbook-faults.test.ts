/**
 * GitBook's rate limiting (`X-RateLimit-*` on every answer, GitBook-style 429s, no
 * `Retry-After`) and the shared fault injection and request log on GitBook routes.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FaultConfig, type Sandbox, startSandbox } from '../src/index.js';
import { gitBookCall, gitBookIssuesAgainst, gitBookSdk, orgPath, rateLimitHeaders } from './support/gitbook-client.js';
import { call } from './support/sandbox-client.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'gitbook-faults', users: 20, gitbook: { members: 15 } });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.control.setFaults({});
  sandbox.control.clearRequests();
});

const members = () => gitBookCall(sandbox, orgPath(sandbox, '/members'));
const membersPath = () => `/v1${orgPath(sandbox, '/members')}`;
const faultsLogged = () => sandbox.control.requests().map((entry) => entry.fault ?? null);
const nowSeconds = () => Date.now() / 1000;

describe('rate-limit headers', () => {
  it('are on every GitBook answer, errors included; never Retry-After; never on TransactionLink answers', async () => {
    const answers = [
      await members(),
      await gitBookCall(sandbox, orgPath(sandbox, '/members?limit=0')),
      await gitBookCall(sandbox, orgPath(sandbox, '/members'), { headers: { Authorization: '' } }),
      await gitBookCall(sandbox, '/orgs/unknownOrg/members'),
      await gitBookCall(sandbox, orgPath(sandbox, '/link-invites/nope'), { method: 'DELETE' }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 400, 401, 404, 204]);
    for (const answer of answers) {
      const headers = rateLimitHeaders(answer);
      expect(headers.limit).toMatch(/^\d+$/);
      expect(headers.remaining).toMatch(/^\d+$/);
      expect(Number(headers.reset)).toBeGreaterThanOrEqual(Math.floor(nowSeconds()));
      expect(headers.retryAfter).toBeNull();
    }
    const transactionLink = await call(sandbox, '/organizations/roles');
    expect(transactionLink.headers.has('x-ratelimit-limit')).toBe(false);
  });

  it('without a configured limit, nothing is limited: Remaining stays at Limit', async () => {
    const seen = [];
    for (let i = 0; i < 5; i++) seen.push(rateLimitHeaders(await members()));
    expect(new Set(seen.map((headers) => headers.remaining))).toEqual(new Set([seen[0]!.limit]));
  });

  it('with a limit: Limit is the burst, Remaining counts down to 0, then a GitBook-style 429 without Retry-After', async () => {
    sandbox.control.setFaults({ rateLimit: { requestsPerSecond: 0.2, burst: 3 } });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await members());
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
    expect(answers.map((answer) => rateLimitHeaders(answer).remaining)).toEqual(['2', '1', '0', '0']);
    expect(new Set(answers.map((answer) => rateLimitHeaders(answer).limit))).toEqual(new Set(['3']));
    const limited = answers[3]!;
    expect(limited.headers.has('retry-after')).toBe(false);
    expect(await limited.json()).toEqual({
      error: { code: 429, message: 'Rate limit exceeded, try again in 60 seconds' },
    });
    // Refilling 3 at 0.2/s takes up to 15 s: Reset is that far ahead, in whole epoch seconds.
    const reset = Number(rateLimitHeaders(limited).reset);
    expect(reset).toBeGreaterThan(nowSeconds() + 10);
    expect(reset).toBeLessThanOrEqual(Math.ceil(nowSeconds() + 15));
    expect(faultsLogged()).toEqual([null, null, null, 'rate-limit']);
  });

  it('a request sent once X-RateLimit-Reset has passed is answered', async () => {
    sandbox.control.setFaults({ rateLimit: { requestsPerSecond: 5, burst: 1 } });
    expect((await members()).status).toBe(200);
    const limited = await members();
    expect(limited.status).toBe(429);
    // A token comes back within 200 ms; Reset rounds that up to a whole second.
    const waitMs = Number(rateLimitHeaders(limited).reset) * 1000 - Date.now();
    expect(waitMs).toBeLessThanOrEqual(1200);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, waitMs)));
    const after = await members();
    expect(after.status).toBe(200);
    expect(rateLimitHeaders(after).remaining).toBe('0');
  });

  it('each API has its own bucket', async () => {
    sandbox.control.setFaults({ rateLimit: { requestsPerSecond: 0.1, burst: 1 } });
    expect((await call(sandbox, '/organizations/roles')).status).toBe(200);
    expect((await call(sandbox, '/organizations/roles')).status).toBe(429);
    expect((await members()).status).toBe(200);
    expect((await members()).status).toBe(429);
  });

  it('a 429 injected by a rule is GitBook-style too: Remaining 0', async () => {
    sandbox.control.setFaults({ rules: [{ match: { path: membersPath() }, fault: { kind: 'status', status: 429 } }] });
    const response = await members();
    expect(response.status).toBe(429);
    expect(rateLimitHeaders(response).remaining).toBe('0');
    expect((await response.json()).error.code).toBe(429);
  });
});

describe('fault rules on GitBook routes', () => {
  it('status: GitBook’s error body, without running the operation', async () => {
    sandbox.control.setFaults({
      rules: [{ match: { method: 'POST', pathPrefix: '/v1/' }, fault: { kind: 'status', status: 503 } }],
    });
    const sdk = gitBookSdk(sandbox);
    const created = await sdk.createOrganizationInvite({
      path: { organizationId: sandbox.gitbook.organizationId },
      body: { role: 'read' },
    });
    expect(created.response.status).toBe(503);
    expect(created.error).toEqual({ error: { code: 503, message: 'Injected fault: 503 Service Unavailable' } });
    expect(rateLimitHeaders(created.response).limit).not.toBeNull();
    expect(sandbox.control.gitbook.inviteLinks()).toHaveLength(12);
    expect(faultsLogged()).toEqual(['status-503']);
  });

  it('reset, truncate and malformed break the GitBook answer as they do TransactionLink’s', async () => {
    const whole = await (await members()).text();
    sandbox.control.setFaults({ rules: [{ match: { path: membersPath() }, times: 1, fault: { kind: 'reset' } }] });
    await expect((await members()).text()).rejects.toThrow();

    sandbox.control.setFaults({ rules: [{ match: { path: membersPath() }, times: 1, fault: { kind: 'truncate' } }] });
    const truncated = await (await members()).text();
    expect(whole.startsWith(truncated)).toBe(true);
    expect(truncated.length).toBeLessThan(whole.length);

    sandbox.control.setFaults({ rules: [{ match: { path: membersPath() }, times: 1, fault: { kind: 'malformed' } }] });
    const malformed = await members();
    expect(malformed.status).toBe(200);
    const text = await malformed.text();
    expect(() => JSON.parse(text)).toThrow();
    expect(faultsLogged()).toEqual([null, 'reset', 'truncate', 'malformed']);
  });

  it('body: exactly this JSON, e.g. a member without its required user', async () => {
    const [member] = sandbox.control.gitbook.members();
    const { user: _, ...withoutUser } = member!;
    sandbox.control.setFaults({
      rules: [{ match: { path: membersPath() }, fault: { kind: 'body', body: { items: [withoutUser] } } }],
    });
    const body = await (await members()).json();
    expect(body).toEqual({ items: [withoutUser] });
    expect(gitBookIssuesAgainst('OrganizationMember', body.items[0])).toBe('user: is missing');
  });

  it('rules match the GitBook paths by prefix and query; TransactionLink routes are untouched', async () => {
    sandbox.control.setFaults({
      rules: [{ match: { pathPrefix: '/v1/', query: { limit: '2' } }, fault: { kind: 'status', status: 500 } }],
    });
    expect((await gitBookCall(sandbox, orgPath(sandbox, '/members?limit=2'))).status).toBe(500);
    expect((await gitBookCall(sandbox, orgPath(sandbox, '/members?limit=3'))).status).toBe(200);
    expect((await call(sandbox, '/organizations/users?limit=2')).status).toBe(200);
  });

  it('random faults hit GitBook routes, the same ones for the same sequence', async () => {
    const config: FaultConfig = { random: { rate: 0.5, kinds: ['status-500', 'status-502', 'reset', 'truncate'] } };
    const run = async () => {
      sandbox.control.clearRequests();
      sandbox.control.setFaults(config);
      for (let i = 0; i < 30; i++)
        await members()
          .then((response) => response.text())
          .catch(() => undefined);
      return faultsLogged();
    };
    const first = await run();
    expect(first.filter((fault) => fault !== null).length).toBeGreaterThan(5);
    expect(await run()).toEqual(first);
  });

  it('latency applies to GitBook answers too', async () => {
    sandbox.control.setFaults({ latencyMs: 80 });
    const started = performance.now();
    await members();
    expect(performance.now() - started).toBeGreaterThanOrEqual(79);
  });
});

describe('request log', () => {
  it('records GitBook requests with their full path, query and status', async () => {
    await gitBookCall(sandbox, orgPath(sandbox, '/members?limit=3'));
    await gitBookCall(sandbox, '/orgs/unknownOrg/link-invites');
    expect(
      sandbox.control.requests().map(({ method, path, query, status }) => ({ method, path, query, status })),
    ).toEqual([
      { method: 'GET', path: membersPath(), query: 'limit=3', status: 200 },
      { method: 'GET', path: '/v1/orgs/unknownOrg/link-invites', query: '', status: 404 },
    ]);
  });
});
