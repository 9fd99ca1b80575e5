import { type RetryEvent, ServerError, TransactionLink } from '@rollcall/client';
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { Effect, Logger, LogLevel, Stream, Tracer } from 'effect';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clientFor, failureOf, faults, seen } from './support.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'client-retries', users: 30 });
});
afterAll(() => sandbox.close());
beforeEach(() => faults(sandbox, []));

const firstUser = async () => {
  const page = await Effect.runPromise(clientFor(sandbox).users.list({ size: 1 }));
  return page.content![0]!;
};

describe('Retry-After', () => {
  it('waits the seconds a 429 asks for, then succeeds', async () => {
    await faults(sandbox, [
      { match: { path: '/organizations/roles' }, times: 1, fault: { kind: 'status', status: 429, retryAfter: '1' } },
    ]);
    const retries: RetryEvent[] = [];
    const client = clientFor(sandbox, { observer: { onRetry: (event) => retries.push(event) } });
    const started = performance.now();
    const roles = await Effect.runPromise(client.roles.list());
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
    expect(roles.length).toBeGreaterThan(0);
    expect(retries).toEqual([
      { method: 'GET', path: '/organizations/roles', attempt: 1, delayMs: 1000, reason: 'HTTP 429' },
    ]);
    expect(await seen(sandbox)).toEqual(['GET /organizations/roles 429 status-429', 'GET /organizations/roles 200']);
  });

  it('waits until an HTTP-date', async () => {
    const until = new Date(Date.now() + 1500).toUTCString(); // whole seconds: 0.5 to 1.5 s from now
    await faults(sandbox, [
      { match: { path: '/organizations/roles' }, times: 1, fault: { kind: 'status', status: 503, retryAfter: until } },
    ]);
    const retries: RetryEvent[] = [];
    const client = clientFor(sandbox, { observer: { onRetry: (event) => retries.push(event) } });
    const started = Date.now();
    await Effect.runPromise(client.roles.list());
    expect(retries).toHaveLength(1);
    expect(retries[0]!.delayMs).toBeGreaterThan(0);
    expect(retries[0]!.delayMs).toBeLessThanOrEqual(1500);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(until));
    expect(Date.now() - started).toBeGreaterThanOrEqual(retries[0]!.delayMs);
  });

  it('gives up at once when the server asks for longer than maxRetryAfter', async () => {
    await faults(sandbox, [
      { match: { path: '/organizations/roles' }, fault: { kind: 'status', status: 429, retryAfter: '120' } },
    ]);
    const error = await failureOf(clientFor(sandbox, { retry: { maxRetryAfter: '10 seconds' } }).roles.list());
    expect(error).toMatchObject({ _tag: 'RateLimited', attempts: 1, retryAfterMs: 120_000 });
  });

  it("follows the sandbox's rate limiter through a whole stream", async () => {
    await faults(sandbox, [], { rateLimit: { requestsPerSecond: 4, burst: 2 } });
    const users = await Effect.runPromise(Stream.runCollect(clientFor(sandbox).users.stream({ pageSize: 5 })));
    expect(users.length).toBe(30);
    expect((await seen(sandbox)).some((line) => line.includes(' 429 '))).toBe(true);
  });
});

describe('which requests are retried', () => {
  it('does not retry a POST after a 500: the server may have acted', async () => {
    const user = await firstUser();
    await faults(sandbox, [{ match: { method: 'POST' }, times: 1, fault: { kind: 'status', status: 500 } }]);
    const error = await failureOf(clientFor(sandbox).users.resetMfa(user.id));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 500, method: 'POST', attempts: 1 });
    expect(await seen(sandbox)).toEqual([`POST /organizations/users/${user.id}/reset-mfa 500 status-500`]);
  });

  it('retries a POST after a 503 and a 429: the server did not act', async () => {
    const user = await firstUser();
    await faults(sandbox, [
      { match: { method: 'POST' }, times: 1, fault: { kind: 'status', status: 503 } },
      { match: { method: 'POST' }, times: 1, fault: { kind: 'status', status: 429, retryAfter: '0' } },
    ]);
    await Effect.runPromise(clientFor(sandbox).users.resetMfa(user.id));
    expect(await seen(sandbox)).toEqual([
      `POST /organizations/users/${user.id}/reset-mfa 503 status-503`,
      `POST /organizations/users/${user.id}/reset-mfa 429 status-429`,
      `POST /organizations/users/${user.id}/reset-mfa 204`,
    ]);
  });

  it('does not retry a POST whose connection was reset', async () => {
    const user = await firstUser();
    await faults(sandbox, [{ match: { method: 'POST' }, fault: { kind: 'reset' } }]);
    const error = await failureOf(clientFor(sandbox).users.terminate(user.id));
    expect(error).toMatchObject({ _tag: 'Transport', attempts: 1 });
    expect(await seen(sandbox)).toHaveLength(1);
  });

  it('retries a POST whose connection was refused', async () => {
    const closed = await startSandbox({ users: 1 });
    await closed.close();
    const attempts: number[] = [];
    const client = clientFor(sandbox, {
      baseUrl: closed.url,
      retry: { retries: 2 },
      observer: { onRequest: ({ attempt }) => attempts.push(attempt) },
    });
    const error = await failureOf(client.enrollments.cancel('00000000-0000-4000-8000-000000000000'));
    expect(error).toMatchObject({ _tag: 'Transport', reason: 'connection refused', attempts: 3 });
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('retries a PUT after a 500, and GETs after a reset, a truncated and a malformed body', async () => {
    const user = await firstUser();
    const client = clientFor(sandbox);
    await faults(sandbox, [{ match: { method: 'PUT' }, times: 1, fault: { kind: 'status', status: 500 } }]);
    expect(await Effect.runPromise(client.users.updateProfile(user.id, { title: 'Auditor' }))).toMatchObject({
      profile: { title: 'Auditor' },
    });
    expect(await seen(sandbox)).toHaveLength(2);

    await faults(sandbox, [
      { match: { path: `/organizations/users/${user.id}` }, times: 1, fault: { kind: 'reset' } },
      { match: { path: `/organizations/users/${user.id}` }, times: 1, fault: { kind: 'truncate' } },
      { match: { path: `/organizations/users/${user.id}` }, times: 1, fault: { kind: 'malformed' } },
    ]);
    expect(await Effect.runPromise(client.users.get(user.id))).toMatchObject({ id: user.id });
    expect((await seen(sandbox)).map((line) => line.split(' ').slice(3).join(' '))).toEqual([
      'reset',
      'truncate',
      'malformed',
      '',
    ]);
  });

  it('applies a per-call policy over the client one', async () => {
    await faults(sandbox, [
      { match: { path: '/organizations/roles' }, times: 2, fault: { kind: 'status', status: 503 } },
    ]);
    const client = clientFor(sandbox, { retry: { retries: 0 } });
    expect(await failureOf(client.roles.list())).toMatchObject({ _tag: 'ServerError', attempts: 1 });
    await faults(sandbox, [
      { match: { path: '/organizations/roles' }, times: 2, fault: { kind: 'status', status: 503 } },
    ]);
    expect((await Effect.runPromise(client.roles.list({ retry: { retries: 2 } }))).length).toBeGreaterThan(0);
  });
});

describe('every retry is visible', () => {
  it('to the observer, the log (debug) and the span', async () => {
    await faults(sandbox, [
      { match: { path: '/organizations/roles' }, times: 2, fault: { kind: 'status', status: 502 } },
    ]);
    const events: string[] = [];
    const logs: string[] = [];
    const client = clientFor(sandbox, {
      observer: {
        onRequest: ({ attempt }) => events.push(`request ${attempt}`),
        onResponse: ({ attempt, status, durationMs }) =>
          events.push(`response ${attempt} ${status} ${durationMs >= 0}`),
        onRetry: ({ attempt, reason }) => events.push(`retry ${attempt} ${reason}`),
      },
    });
    const logger = Logger.make(({ message, logLevel }) => logs.push(`${logLevel.label} ${String(message)}`));
    const spans: Tracer.Span[] = [];
    const recordingTracer = Effect.tracerWith((native) =>
      Effect.succeed(
        Tracer.make({
          span: (...args) => {
            const span = native.span(...args);
            spans.push(span);
            return span;
          },
          context: native.context,
        }),
      ),
    );
    await Effect.runPromise(
      Effect.flatMap(recordingTracer, (tracer) => client.roles.list().pipe(Effect.withTracer(tracer))).pipe(
        Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
        Logger.withMinimumLogLevel(LogLevel.Debug),
      ),
    );
    const span = spans.find(({ name }) => name === 'TransactionLink.roles.list');
    expect(span?.attributes.get('http.request.resend_count')).toBe(2);
    expect(span?.attributes.get('rollcall.retry.reason')).toBe('HTTP 502');
    expect(events).toEqual([
      'request 1',
      'response 1 502 true',
      'retry 1 HTTP 502',
      'request 2',
      'response 2 502 true',
      'retry 2 HTTP 502',
      'request 3',
      'response 3 200 true',
    ]);
    expect(logs.filter((line) => line.startsWith('DEBUG'))).toHaveLength(2);
    expect(logs[0]).toMatch(/GET \/organizations\/roles: attempt 1 failed \(HTTP 502\), retrying in \d+ ms/);
    for (const line of logs) expect(line).not.toContain(sandbox.token);
  });

  it('an observer that throws does not fail the call', async () => {
    const client = clientFor(sandbox, {
      observer: {
        onRequest: () => {
          throw new Error('observer bug');
        },
      },
    });
    expect((await Effect.runPromise(client.roles.list())).length).toBeGreaterThan(0);
  });
});

describe('the Layer', () => {
  it('provides the service from configuration in code', async () => {
    const roles = await Effect.runPromise(
      Effect.flatMap(TransactionLink, (tl) => tl.roles.list()).pipe(
        Effect.provide(TransactionLink.layer({ token: sandbox.token, baseUrl: sandbox.url })),
      ),
    );
    expect(roles.map((role) => role.name)).toEqual(expect.arrayContaining([expect.any(String)]));
  });
});
