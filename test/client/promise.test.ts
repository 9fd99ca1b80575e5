import { ConfigError, NotFound, ServerError, Timeout } from '@rollcall/client';
import { createTransactionLink, NotFound as NotFoundFromPromise } from '@rollcall/client/promise';
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { faults, quickRetry } from './support.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'client-promise', users: 45 });
});
afterAll(() => sandbox.close());
beforeEach(() => faults(sandbox, []));

const client = () => createTransactionLink({ token: sandbox.token, baseUrl: sandbox.url, retry: quickRetry });

describe('the Promise facade', () => {
  it('resolves with the decoded data', async () => {
    const page = await client().users.list({ size: 5 });
    expect(page.content).toHaveLength(5);
    expect(page.totalElements).toBe(45);
  });

  it('rejects with the error classes themselves, so instanceof works', async () => {
    const rejection = await client()
      .users.get('00000000-0000-4000-8000-000000000000')
      .catch((error: unknown) => error);
    expect(rejection).toBeInstanceOf(NotFound);
    expect(rejection).toBeInstanceOf(NotFoundFromPromise);
    expect(rejection).toBeInstanceOf(Error);
    expect(rejection).toMatchObject({ _tag: 'NotFound', status: 404, attempts: 1 });
  });

  it('iterates every row of a stream with for await', async () => {
    const emails: string[] = [];
    for await (const user of client().users.stream({ pageSize: 10 })) emails.push(user.email);
    expect(emails).toHaveLength(45);
    let pages = 0;
    for await (const page of client().users.pages({ pageSize: 10, concurrency: 3 })) pages += page.content ? 1 : 0;
    expect(pages).toBe(5);
  });

  it('rejects an iteration with the error class', async () => {
    await faults(sandbox, [
      { match: { path: '/organizations/users', query: { page: '2' } }, fault: { kind: 'status', status: 500 } },
    ]);
    const seen: string[] = [];
    const iterate = async () => {
      for await (const user of client().users.stream({ pageSize: 10 })) seen.push(user.id);
    };
    await expect(iterate()).rejects.toBeInstanceOf(ServerError);
    expect(seen).toHaveLength(20);
  });

  it('stops fetching when the loop breaks early', async () => {
    let count = 0;
    for await (const _user of client().users.stream({ pageSize: 10 })) {
      if (++count === 3) break;
    }
    expect(count).toBe(3);
    const requests = await sandbox.control.requests();
    expect(requests.filter((r) => r.path === '/organizations/users').length).toBeLessThanOrEqual(2);
  });

  it('aborts a call with an AbortSignal, rejecting with its reason', async () => {
    await faults(sandbox, [{ match: { path: '/organizations/roles' }, fault: { kind: 'delay', ms: 5_000 } }]);
    const controller = new AbortController();
    const pending = client().roles.list({ signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user cancelled')), 50);
    await expect(pending).rejects.toThrow('user cancelled');
  });

  it('takes per-call options', async () => {
    await faults(sandbox, [{ match: { path: '/organizations/roles' }, fault: { kind: 'delay', ms: 5_000 } }]);
    const rejection = await client()
      .roles.list({ timeout: '100 millis', retry: { retries: 0 } })
      .catch((error: unknown) => error);
    expect(rejection).toBeInstanceOf(Timeout);
    expect(rejection).toMatchObject({ scope: 'attempt', attempts: 1 });
  });

  it('throws a ConfigError for an unusable configuration, without the token', () => {
    const token = `tot_${'x'.repeat(40)}`;
    let thrown: unknown;
    try {
      createTransactionLink({ token, baseUrl: sandbox.url });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect(String(thrown)).not.toContain(token);
  });
});
