import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FaultConfig, type Sandbox, startSandbox } from '../src/index.js';
import { call, controlCall, sdkFor } from './support/sandbox-client.js';
import { issuesAgainst } from './support/spec-schemas.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'faults', users: 40 });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.control.setFaults({});
  sandbox.control.clearRequests();
});

const USERS = '/organizations/users';
const faultsLogged = () => sandbox.control.requests().map((entry) => entry.fault ?? null);

describe('status faults', () => {
  it('answers the status with an ErrorResponse and the Retry-After given, without running the operation', async () => {
    sandbox.control.setFaults({
      rules: [
        {
          match: { method: 'POST', path: '/organizations/enrollments' },
          fault: { kind: 'status', status: 503, retryAfter: '7' },
        },
      ],
    });
    const roles = (await sdkFor(sandbox).listOrganizationRoles({})).data!;
    const before = (await sdkFor(sandbox).listEnrollments({})).data!.totalElements;
    const response = await call(sandbox, '/organizations/enrollments', {
      method: 'POST',
      body: JSON.stringify({ email: 'never.created@example.com', roleId: roles[2]!.id }),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('7');
    const body = await response.json();
    expect(issuesAgainst('ErrorResponse', body)).toBe('');
    expect(body.errors[0].code).toBe('SERVICE_UNAVAILABLE');
    expect((await sdkFor(sandbox).listEnrollments({})).data!.totalElements).toBe(before);
  });

  it('answers a given body instead of the ErrorResponse', async () => {
    sandbox.control.setFaults({
      rules: [{ match: { path: USERS }, fault: { kind: 'status', status: 500, body: { oops: true } } }],
    });
    const response = await call(sandbox, USERS);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ oops: true });
    expect(faultsLogged()).toEqual(['status-500']);
  });
});

describe('rate limit', () => {
  it('answers 429 RATE_LIMITED with Retry-After in whole seconds once the burst is spent', async () => {
    sandbox.control.setFaults({ rateLimit: { requestsPerSecond: 0.5, burst: 2 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await call(sandbox, USERS));
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 429]);
    const limited = statuses[2]!;
    expect(limited.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(2);
    const body = await limited.json();
    expect(issuesAgainst('ErrorResponse', body)).toBe('');
    expect(body.errors[0].code).toBe('RATE_LIMITED');
    expect(faultsLogged()).toEqual([null, null, 'rate-limit']);
  });

  it('gives Retry-After as an HTTP-date in the future, or not at all', async () => {
    sandbox.control.setFaults({ rateLimit: { requestsPerSecond: 0.1, burst: 1, retryAfter: 'http-date' } });
    await call(sandbox, USERS);
    const dated = await call(sandbox, USERS);
    expect(dated.status).toBe(429);
    const at = Date.parse(dated.headers.get('retry-after')!);
    expect(dated.headers.get('retry-after')).toMatch(/GMT$/);
    expect(at).toBeGreaterThan(Date.now());

    sandbox.control.setFaults({ rateLimit: { requestsPerSecond: 0.1, burst: 1, retryAfter: 'none' } });
    await call(sandbox, USERS);
    const bare = await call(sandbox, USERS);
    expect(bare.status).toBe(429);
    expect(bare.headers.has('retry-after')).toBe(false);
  });

  it('lets requests through again once Retry-After has passed', async () => {
    sandbox.control.setFaults({ rateLimit: { requestsPerSecond: 5, burst: 1 } });
    expect((await call(sandbox, USERS)).status).toBe(200);
    const limited = await call(sandbox, USERS);
    expect(limited.status).toBe(429);
    await new Promise((resolve) => setTimeout(resolve, Number(limited.headers.get('retry-after')) * 1000));
    expect((await call(sandbox, USERS)).status).toBe(200);
  });

  it('never limits the control API', async () => {
    sandbox.control.setFaults({ rateLimit: { requestsPerSecond: 1, burst: 1 } });
    for (let i = 0; i < 5; i++) expect((await controlCall(sandbox, 'GET', '/health')).status).toBe(200);
  });
});

describe('broken answers', () => {
  it('reset: headers and part of the body arrive, then the connection drops', async () => {
    sandbox.control.setFaults({ rules: [{ match: { path: USERS }, fault: { kind: 'reset' } }] });
    const response = await call(sandbox, USERS);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    await expect(sdkFor(sandbox).listUsers({})).rejects.toThrow();
    expect(faultsLogged()).toEqual(['reset', 'reset']);
  });

  it('truncate: 200 with the JSON cut in half, ended cleanly without Content-Length', async () => {
    const whole = await (await call(sandbox, USERS)).text();
    sandbox.control.setFaults({ rules: [{ match: { path: USERS }, fault: { kind: 'truncate' } }] });
    const response = await call(sandbox, USERS);
    expect(response.status).toBe(200);
    expect(response.headers.has('content-length')).toBe(false);
    const text = await response.text();
    expect(whole.startsWith(text)).toBe(true);
    expect(Buffer.byteLength(text)).toBe(Math.floor(Buffer.byteLength(whole) / 2));
    expect(() => JSON.parse(text)).toThrow();
  });

  it('malformed: 200 with syntactically invalid JSON', async () => {
    sandbox.control.setFaults({ rules: [{ match: { path: USERS }, fault: { kind: 'malformed' } }] });
    const response = await call(sandbox, USERS);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(() => JSON.parse(text)).toThrow();
    const sdk = await sdkFor(sandbox)
      .listUsers({})
      .catch((error: unknown) => error);
    expect(sdk).toBeInstanceOf(SyntaxError);
  });

  it('body: answers exactly the JSON given, e.g. a user missing a required field', async () => {
    const [user] = (await sdkFor(sandbox).listUsers({})).data!.content!;
    const { email: _, ...withoutEmail } = user!;
    sandbox.control.setFaults({
      rules: [{ match: { path: `${USERS}/${user!.id}` }, fault: { kind: 'body', body: withoutEmail } }],
    });
    const response = await call(sandbox, `${USERS}/${user!.id}`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual(withoutEmail);
    expect(issuesAgainst('UserResponse', body)).toBe('email: is missing');
  });
});

describe('delay and latency', () => {
  it('delay: waits at least the given time, then answers normally', async () => {
    const normal = await (await call(sandbox, USERS)).text();
    sandbox.control.setFaults({ rules: [{ match: { path: USERS }, fault: { kind: 'delay', ms: 150 } }] });
    const started = performance.now();
    const response = await call(sandbox, USERS);
    const waited = performance.now() - started;
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(normal);
    expect(waited).toBeGreaterThanOrEqual(149);
    expect(faultsLogged()).toEqual([null, 'delay']);
  });

  it('latencyMs: every API answer takes at least that long', async () => {
    sandbox.control.setFaults({ latencyMs: 100 });
    const started = performance.now();
    await Promise.all([call(sandbox, USERS), call(sandbox, '/organizations/roles')]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(99);
  });
});

describe('rule matching and counting', () => {
  it('skip lets the first matches through, times bounds how many fault, then all pass', async () => {
    sandbox.control.setFaults({
      rules: [{ match: { path: USERS }, skip: 1, times: 2, fault: { kind: 'status', status: 502 } }],
    });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(sandbox, USERS)).status);
    expect(statuses).toEqual([200, 502, 502, 200, 200]);
  });

  it('without times a rule is permanent; only matching requests are counted', async () => {
    sandbox.control.setFaults({
      rules: [{ match: { path: USERS, query: { page: '3' } }, skip: 1, fault: { kind: 'status', status: 500 } }],
    });
    const statuses = [];
    for (const page of [3, 0, 3, 1, 3, 3]) statuses.push((await call(sandbox, `${USERS}?page=${page}`)).status);
    expect(statuses).toEqual([200, 200, 500, 200, 500, 500]);
  });

  it('matches by method, exact path and path prefix; the first rule that fires wins', async () => {
    sandbox.control.setFaults({
      rules: [
        { match: { method: 'put', pathPrefix: '/organizations/users/' }, fault: { kind: 'status', status: 503 } },
        { match: { pathPrefix: '/organizations/' }, times: 1, fault: { kind: 'status', status: 500 } },
        { match: { pathPrefix: '/organizations/' }, fault: { kind: 'status', status: 502 } },
      ],
    });
    expect((await call(sandbox, USERS)).status).toBe(500);
    const put = await call(sandbox, '/organizations/users/3f6c3a52-8a4e-4c59-9a53-2f1f9d1c0a11/role', {
      method: 'PUT',
      body: '{}',
    });
    expect(put.status).toBe(503);
    expect((await call(sandbox, '/organizations/roles')).status).toBe(502);
    expect(faultsLogged()).toEqual(['status-500', 'status-503', 'status-502']);
  });

  it('setFaults restarts the counters', async () => {
    const config: FaultConfig = {
      rules: [{ match: { path: USERS }, times: 1, fault: { kind: 'status', status: 500 } }],
    };
    sandbox.control.setFaults(config);
    expect((await call(sandbox, USERS)).status).toBe(500);
    expect((await call(sandbox, USERS)).status).toBe(200);
    sandbox.control.setFaults(config);
    expect((await call(sandbox, USERS)).status).toBe(500);
  });
});

describe('random faults', () => {
  const run = async (target: Sandbox, count: number) => {
    const out: string[] = [];
    for (let i = 0; i < count; i++) {
      const response = await call(target, USERS).catch(() => undefined);
      const text = await response?.text().catch(() => 'reset');
      out.push(`${response?.status}:${text === 'reset' ? 'reset' : text?.slice(0, 5)}`);
    }
    return out;
  };
  const config: FaultConfig = {
    random: { rate: 0.5, kinds: ['status-500', 'status-502', 'status-503', 'reset', 'truncate', 'malformed'] },
  };

  it('faults about the given fraction, with every kind, the same ones for the same seed and sequence', async () => {
    sandbox.control.setFaults(config);
    const first = await run(sandbox, 60);
    const kinds = faultsLogged();
    sandbox.control.clearRequests();
    sandbox.control.setFaults(config);
    expect(await run(sandbox, 60)).toEqual(first);
    expect(faultsLogged()).toEqual(kinds);

    const faulted = kinds.filter((kind) => kind !== null);
    expect(faulted.length).toBeGreaterThan(15);
    expect(faulted.length).toBeLessThan(45);
    expect(new Set(faulted)).toEqual(new Set(config.random!.kinds));
  });

  it('another sandbox with the same seed faults the same requests; another seed, others', async () => {
    sandbox.control.setFaults(config);
    await run(sandbox, 40);
    const here = faultsLogged();

    const twin = await startSandbox({ seed: 'faults', users: 40, faults: config });
    const other = await startSandbox({ seed: 'other', users: 40, faults: config });
    try {
      await run(twin, 40);
      await run(other, 40);
      const log = (s: Sandbox) => s.control.requests().map((entry) => entry.fault ?? null);
      expect(log(twin)).toEqual(here);
      expect(log(other)).not.toEqual(here);
    } finally {
      await twin.close();
      await other.close();
    }
  });

  it('rate 0 never faults and rate 1 always does', async () => {
    sandbox.control.setFaults({ random: { rate: 0, kinds: ['status-500'] } });
    expect(await run(sandbox, 10)).toEqual(Array(10).fill(expect.stringMatching(/^200:/)));
    sandbox.control.setFaults({ random: { rate: 1, kinds: ['status-503'] } });
    expect(await run(sandbox, 10)).toEqual(Array(10).fill(expect.stringMatching(/^503:/)));
  });
});

describe('fault config', () => {
  it('is refused when malformed, naming the field, in-process and over HTTP', async () => {
    expect(() => sandbox.control.setFaults({ random: { rate: 2, kinds: [] } })).toThrow(/random\.rate/);
    const answer = await controlCall(sandbox, 'PUT', '/faults', { rules: [{ match: {}, fault: { kind: 'explode' } }] });
    expect(answer.status).toBe(400);
    expect((answer.body as { error: string }).error).toMatch(/rules\.0\.fault/);
    expect(sandbox.control.faults()).toEqual({});
  });

  it('is replaceable over HTTP and readable back', async () => {
    const config: FaultConfig = {
      latencyMs: 0,
      rules: [{ match: { path: USERS }, fault: { kind: 'status', status: 500 } }],
    };
    expect(await controlCall(sandbox, 'PUT', '/faults', config)).toEqual({ status: 200, body: { ok: true } });
    expect(await controlCall(sandbox, 'GET', '/faults')).toEqual({ status: 200, body: config });
    expect((await call(sandbox, USERS)).status).toBe(500);
  });
});
