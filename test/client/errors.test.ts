import {
  BadRequest,
  Conflict,
  Decode,
  Forbidden,
  NotFound,
  RateLimited,
  ServerError,
  Timeout,
  Transport,
  Unauthorized,
} from '@rollcall/client';
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { Cause, Effect, Inspectable, Stream } from 'effect';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clientFor, failureOf, faults, seen } from './support.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'client-errors', users: 30 });
});
afterAll(() => sandbox.close());
beforeEach(() => faults(sandbox, []));

const UNKNOWN_USER = '00000000-0000-4000-8000-000000000000';

describe('each error tag, with the data a caller needs', () => {
  it('BadRequest: a page size below 1', async () => {
    const error = await failureOf(clientFor(sandbox).users.list({ size: 0 }));
    expect(error).toBeInstanceOf(BadRequest);
    expect(error).toMatchObject({ status: 400, method: 'GET', path: '/organizations/users', attempts: 1 });
    expect(error.fingerprint).toEqual(expect.any(String));
    expect(error.errors.length).toBeGreaterThan(0);
  });

  it('Unauthorized: a well-formed token the server does not know', async () => {
    const error = await failureOf(clientFor(sandbox, { token: `tot_${'Z'.repeat(52)}` }).roles.list());
    expect(error).toBeInstanceOf(Unauthorized);
    expect(error).toMatchObject({ status: 401, path: '/organizations/roles', attempts: 1 });
  });

  it('Forbidden: a token without the scope', async () => {
    const token = await sandbox.issueToken(['can_view_workspace']);
    const error = await failureOf(clientFor(sandbox, { token }).users.list());
    expect(error).toBeInstanceOf(Forbidden);
    expect(error).toMatchObject({ status: 403, attempts: 1 });
  });

  it('NotFound: a user that does not exist, with the concrete path', async () => {
    const error = await failureOf(clientFor(sandbox).users.get(UNKNOWN_USER));
    expect(error).toBeInstanceOf(NotFound);
    expect(error).toMatchObject({
      status: 404,
      method: 'GET',
      path: `/organizations/users/${UNKNOWN_USER}`,
      attempts: 1,
    });
    expect(error.message).toContain(`GET /organizations/users/${UNKNOWN_USER} → 404`);
  });

  it('Conflict: a 409 with its ErrorResponse', async () => {
    const body = { fingerprint: 'fp-409', errors: [{ code: 'CONFLICT', message: 'changed meanwhile' }] };
    await faults(sandbox, [{ match: { method: 'PUT' }, fault: { kind: 'status', status: 409, body } }]);
    const [user] = (await Effect.runPromise(clientFor(sandbox).users.list({ size: 1 }))).content ?? [];
    const error = await failureOf(clientFor(sandbox).users.updateProfile(user!.id, { title: 'x' }));
    expect(error).toBeInstanceOf(Conflict);
    expect(error).toMatchObject({
      status: 409,
      method: 'PUT',
      fingerprint: 'fp-409',
      errors: body.errors,
      attempts: 1,
    });
  });

  it('RateLimited: 429 after the retries are spent', async () => {
    await faults(sandbox, [{ match: { path: '/organizations/roles' }, fault: { kind: 'status', status: 429 } }]);
    const error = await failureOf(clientFor(sandbox, { retry: { retries: 2 } }).roles.list());
    expect(error).toBeInstanceOf(RateLimited);
    expect(error).toMatchObject({ status: 429, attempts: 3 });
    expect(await seen(sandbox)).toHaveLength(3);
  });

  it('ServerError: 5xx after the retries are spent', async () => {
    await faults(sandbox, [{ match: { path: '/organizations/workspaces' }, fault: { kind: 'status', status: 502 } }]);
    const error = await failureOf(clientFor(sandbox).workspaces.list());
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 502, attempts: 4 });
    expect(error.errors.length).toBeGreaterThan(0);
  });

  it('Timeout: each attempt aborted after the per-attempt timeout', async () => {
    await faults(sandbox, [{ match: { path: '/organizations/roles' }, fault: { kind: 'delay', ms: 5_000 } }]);
    const seenSignals: AbortSignal[] = [];
    const client = clientFor(sandbox, {
      timeout: '150 millis',
      retry: { retries: 1 },
      fetch: (input, init) => {
        if (input instanceof Request) seenSignals.push(input.signal);
        return globalThis.fetch(input, init);
      },
    });
    const error = await failureOf(client.roles.list());
    expect(error).toBeInstanceOf(Timeout);
    expect(error).toMatchObject({ scope: 'attempt', timeoutMs: 150, attempts: 2, path: '/organizations/roles' });
    expect(seenSignals).toHaveLength(2);
    expect(seenSignals.every((signal) => signal.aborted)).toBe(true);
  });

  it('Timeout: the overall deadline, while an attempt is in flight', async () => {
    await faults(sandbox, [{ match: { path: '/organizations/roles' }, fault: { kind: 'delay', ms: 5_000 } }]);
    const error = await failureOf(clientFor(sandbox, { deadline: '300 millis' }).roles.list());
    expect(error).toBeInstanceOf(Timeout);
    expect(error).toMatchObject({ scope: 'deadline', timeoutMs: 300, attempts: 1 });
  });

  it('Transport: the connection reset on every attempt', async () => {
    await faults(sandbox, [{ match: { path: '/organizations/roles' }, fault: { kind: 'reset' } }]);
    const error = await failureOf(clientFor(sandbox).roles.list());
    expect(error).toBeInstanceOf(Transport);
    expect(error).toMatchObject({ method: 'GET', path: '/organizations/roles', attempts: 4 });
  });

  it('Transport: a 2xx body that is not JSON, after retrying it', async () => {
    await faults(sandbox, [{ match: { path: '/organizations/roles' }, fault: { kind: 'malformed' } }]);
    const error = await failureOf(clientFor(sandbox).roles.list());
    expect(error).toBeInstanceOf(Transport);
    expect(error).toMatchObject({ status: 200, reason: 'response body is not valid JSON', attempts: 4 });
  });

  it('Transport: connection refused', async () => {
    const closed = await startSandbox({ users: 1 });
    const url = closed.url;
    await closed.close();
    const error = await failureOf(clientFor(sandbox, { baseUrl: url, retry: { retries: 1 } }).roles.list());
    expect(error).toBeInstanceOf(Transport);
    expect(error).toMatchObject({ reason: 'connection refused', attempts: 2 });
    expect(error.status).toBeUndefined();
  });

  it('Decode: a 200 body missing a required field, naming the field', async () => {
    const client = clientFor(sandbox);
    const [user] = (await Effect.runPromise(client.users.list({ size: 1 }))).content ?? [];
    const { email: _email, ...withoutEmail } = user!;
    await faults(sandbox, [
      { match: { path: `/organizations/users/${user!.id}` }, fault: { kind: 'body', body: withoutEmail } },
    ]);
    const error = await failureOf(client.users.get(user!.id));
    expect(error).toBeInstanceOf(Decode);
    expect(error).toMatchObject({ status: 200, attempts: 1, issues: [{ path: 'email', message: 'is missing' }] });
    expect(await seen(sandbox)).toHaveLength(1);
  });

  it('Decode: a wrong field deep in a page', async () => {
    const client = clientFor(sandbox);
    const page = await Effect.runPromise(client.users.list({ size: 3 }));
    const broken = { ...page, content: page.content!.map((user, i) => (i === 2 ? { ...user, status: 'GONE' } : user)) };
    await faults(sandbox, [{ match: { path: '/organizations/users' }, fault: { kind: 'body', body: broken } }]);
    const error = await failureOf(Stream.runDrain(client.users.stream({ pageSize: 3 })));
    expect(error).toBeInstanceOf(Decode);
    expect((error as Decode).issues.map((issue) => issue.path)).toEqual(['content.2.status']);
  });

  it('tolerates unknown extra fields and keeps them', async () => {
    const client = clientFor(sandbox);
    const [user] = (await Effect.runPromise(client.users.list({ size: 1 }))).content ?? [];
    await faults(sandbox, [
      { match: { path: `/organizations/users/${user!.id}` }, fault: { kind: 'body', body: { ...user, vendorNew: 7 } } },
    ]);
    expect(await Effect.runPromise(client.users.get(user!.id))).toEqual({ ...user, vendorNew: 7 });
  });
});

describe('the token never shows', () => {
  it('in an error, its string, its JSON, or the printed cause, even when the server echoes it', async () => {
    const token = sandbox.token;
    const body = { fingerprint: `fp-${token}`, errors: [{ code: 'BAD_TOKEN', message: `token ${token} is wrong` }] };
    await faults(sandbox, [{ match: { path: '/organizations/roles' }, fault: { kind: 'status', status: 400, body } }]);
    const error = await failureOf(clientFor(sandbox).roles.list());
    expect(error).toBeInstanceOf(BadRequest);
    const printed = [
      String(error),
      JSON.stringify(error),
      Inspectable.format(error),
      Cause.pretty(Cause.fail(error)),
      error.stack ?? '',
    ];
    for (const text of printed) expect(text).not.toContain(token);
    expect(error.errors[0]?.message).toBe('token <redacted> is wrong');
  });
});
