import { CrossOriginRedirect, Transport } from '@rollcall/client';
import { createTransactionLink } from '@rollcall/client/promise';
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { Effect } from 'effect';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCountingServer, startRedirector } from '../support/redirecting-server.mjs';
import { clientFor, failureOf, quickRetry } from './support.js';

type TestServer = Awaited<ReturnType<typeof startCountingServer>>;

let sandbox: Sandbox;
let elsewhere: TestServer;
let redirector: TestServer;
let permanent: TestServer;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'client-redirects', users: 12 });
  elsewhere = await startCountingServer();
  redirector = await startRedirector(sandbox.url, elsewhere.url);
  permanent = await startRedirector(sandbox.url, elsewhere.url, 308);
});
afterAll(async () => {
  await Promise.all([redirector.close(), permanent.close(), elsewhere.close()]);
  await sandbox.close();
});
beforeEach(() => {
  elsewhere.requests.length = 0;
  redirector.requests.length = 0;
  permanent.requests.length = 0;
});

describe('a redirect to another origin', () => {
  it('fails with CrossOriginRedirect, at once, and nothing reaches the other origin', async () => {
    const error = await failureOf(clientFor(sandbox, { baseUrl: `${redirector.url}/away` }).roles.list());
    expect(error).toBeInstanceOf(CrossOriginRedirect);
    expect(error).toMatchObject({
      _tag: 'CrossOriginRedirect',
      status: 302,
      method: 'GET',
      from: redirector.url,
      location: `${elsewhere.url}/organizations/roles`,
      attempts: 1,
    });
    expect(error.message).toContain(`redirect to another origin, ${elsewhere.url}/organizations/roles, refused`);
    expect(elsewhere.requests).toEqual([]);
    expect(redirector.requests).toHaveLength(1);
  });

  it('never shows the credentials or query of the Location, nor the token', async () => {
    const error = await failureOf(clientFor(sandbox, { baseUrl: `${redirector.url}/away` }).users.list());
    for (const text of [error.message, String(error), JSON.stringify(error), error.stack ?? '']) {
      for (const secret of ['pa55', 'mirror', 'query-secret', sandbox.token]) expect(text).not.toContain(secret);
    }
  });

  it('is refused for a 308 too, and rejects the Promise facade with the same class', async () => {
    const client = createTransactionLink({ token: sandbox.token, baseUrl: `${permanent.url}/away`, retry: quickRetry });
    const rejection = await client.users.list().catch((error: unknown) => error);
    expect(rejection).toBeInstanceOf(CrossOriginRedirect);
    expect(rejection).toMatchObject({ status: 308 });
    expect(elsewhere.requests).toEqual([]);
  });
});

describe('a redirect within the origin', () => {
  it('is followed with the token, and the data is the upstream data', async () => {
    const roles = await Effect.runPromise(clientFor(sandbox, { baseUrl: `${redirector.url}/same` }).roles.list());
    expect(roles).toEqual(await Effect.runPromise(clientFor(sandbox).roles.list()));
    expect(redirector.requests.map(({ path }) => path)).toEqual(['/same/organizations/roles', '/organizations/roles']);
    expect(redirector.requests[1]?.authorization).toBe(redirector.requests[0]?.authorization);
  });

  it('a loop is cut after 5 redirects, a Transport error', async () => {
    const error = await failureOf(
      clientFor(sandbox, { baseUrl: `${redirector.url}/loop`, retry: { retries: 0 } }).roles.list(),
    );
    expect(error).toBeInstanceOf(Transport);
    expect(error).toMatchObject({ reason: 'more than 5 redirects', status: 302, attempts: 1 });
    expect(redirector.requests).toHaveLength(6);
  });

  it('keeps the method and body on a 308 (PUT profile)', async () => {
    const direct = clientFor(sandbox);
    const [user] = (await Effect.runPromise(direct.users.list({ size: 1 }))).content ?? [];
    if (!user) throw new Error('the sandbox has no users');
    const redirected = clientFor(sandbox, { baseUrl: `${permanent.url}/same` });
    const updated = await Effect.runPromise(redirected.users.updateProfile(user.id, { title: 'Auditor of redirects' }));
    expect(updated.profile.title).toBe('Auditor of redirects');
    expect(permanent.requests.map(({ method }) => method)).toEqual(['PUT', 'PUT']);
  });
});
