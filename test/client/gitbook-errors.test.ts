import {
  BadRequest,
  Conflict,
  Decode,
  Forbidden,
  GitBookInvites,
  NotFound,
  RateLimited,
  ServerError,
  Timeout,
  Transport,
  Unauthorized,
} from '@rollcall/client';
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { Cause, Effect, Inspectable, Logger, LogLevel, Stream } from 'effect';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failureOf, faults, gitBookClientFor, gitBookPath, seen } from './support.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'client-gitbook-errors', users: 5, gitbook: { members: 12, inviteLinks: 4 } });
});
afterAll(() => sandbox.close());
beforeEach(() => faults(sandbox, []));

const membersPath = () => `/orgs/${sandbox.gitbook.organizationId}/members`;
const linksPath = () => `/orgs/${sandbox.gitbook.organizationId}/link-invites`;

describe("each error tag, from GitBook's {error: {code, message}}", () => {
  it('Unauthorized: a token the server does not know', async () => {
    const error = await failureOf(gitBookClientFor(sandbox, { token: 'gb_api_unknown' }).members.list());
    expect(error).toBeInstanceOf(Unauthorized);
    expect(error).toMatchObject({ status: 401, method: 'GET', path: membersPath(), attempts: 1 });
    expect(error.errors).toEqual([{ code: '401', message: expect.any(String) }]);
    expect(error.fingerprint).toBeUndefined();
  });

  it('Forbidden: an organization the token has no access to', async () => {
    const { otherOrganizationId } = sandbox.control.gitbook.organization();
    const error = await failureOf(gitBookClientFor(sandbox, { organizationId: otherOrganizationId }).members.list());
    expect(error).toBeInstanceOf(Forbidden);
    expect(error).toMatchObject({ status: 403, path: `/orgs/${otherOrganizationId}/members`, attempts: 1 });
    expect(error.errors[0]?.code).toBe('403');
  });

  it('NotFound: an unknown organization, an unknown invite link', async () => {
    const unknownOrganization = await failureOf(
      gitBookClientFor(sandbox, { organizationId: 'noSuchOrg' }).inviteLinks.list(),
    );
    expect(unknownOrganization).toBeInstanceOf(NotFound);
    expect(unknownOrganization).toMatchObject({ status: 404, path: '/orgs/noSuchOrg/link-invites' });
    const unknownLink = await failureOf(gitBookClientFor(sandbox).inviteLinks.get('noSuchInvite'));
    expect(unknownLink).toBeInstanceOf(NotFound);
    expect(unknownLink.message).toContain(`GET ${linksPath()}/noSuchInvite → 404 `);
    expect(unknownLink.message).not.toContain('404: ');
  });

  it('BadRequest: a limit over 1000, a cursor the server did not issue', async () => {
    const client = gitBookClientFor(sandbox);
    const tooMany = await failureOf(client.members.list({ limit: 1001 }));
    expect(tooMany).toBeInstanceOf(BadRequest);
    expect(tooMany).toMatchObject({ status: 400, attempts: 1, errors: [{ code: '400' }] });
    expect(await failureOf(client.members.list({ page: 'not-a-cursor' }))).toBeInstanceOf(BadRequest);
  });

  it('Conflict: a 409 with its message', async () => {
    const body = { error: { code: 409, message: 'The invite was changed meanwhile' } };
    await faults(sandbox, [{ match: { method: 'PATCH' }, fault: { kind: 'status', status: 409, body } }]);
    const error = await failureOf(gitBookClientFor(sandbox).inviteLinks.update('someInvite', { role: 'read' }));
    expect(error).toBeInstanceOf(Conflict);
    expect(error).toMatchObject({
      status: 409,
      method: 'PATCH',
      attempts: 1,
      errors: [{ code: '409', message: 'The invite was changed meanwhile' }],
    });
  });

  it('RateLimited: 429 after the retries are spent', async () => {
    await faults(sandbox, [
      { match: { path: gitBookPath(sandbox, membersPath()) }, fault: { kind: 'status', status: 429 } },
    ]);
    const error = await failureOf(gitBookClientFor(sandbox, { retry: { retries: 1 } }).members.list());
    expect(error).toBeInstanceOf(RateLimited);
    expect(error).toMatchObject({ status: 429, attempts: 2, errors: [{ code: '429' }] });
    expect(await seen(sandbox)).toHaveLength(2);
  });

  it('ServerError: a 5xx after the retries are spent, with its GitBook body', async () => {
    await faults(sandbox, [
      { match: { path: gitBookPath(sandbox, linksPath()) }, fault: { kind: 'status', status: 502 } },
    ]);
    const error = await failureOf(gitBookClientFor(sandbox).inviteLinks.list());
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 502, attempts: 4 });
    expect(error.errors).toEqual([{ code: '502', message: expect.any(String) }]);
  });

  it('Timeout: an attempt past its timeout is aborted', async () => {
    await faults(sandbox, [
      { match: { path: gitBookPath(sandbox, membersPath()) }, fault: { kind: 'delay', ms: 5_000 } },
    ]);
    const error = await failureOf(
      gitBookClientFor(sandbox, { timeout: '150 millis', retry: { retries: 0 } }).members.list(),
    );
    expect(error).toBeInstanceOf(Timeout);
    expect(error).toMatchObject({ scope: 'attempt', timeoutMs: 150, attempts: 1 });
  });

  it('Transport: a connection reset on every attempt, and a malformed body', async () => {
    const path = gitBookPath(sandbox, membersPath());
    await faults(sandbox, [{ match: { path }, fault: { kind: 'reset' } }]);
    expect(await failureOf(gitBookClientFor(sandbox, { retry: { retries: 1 } }).members.list())).toBeInstanceOf(
      Transport,
    );
    await faults(sandbox, [{ match: { path }, fault: { kind: 'malformed' } }]);
    const malformed = await failureOf(gitBookClientFor(sandbox, { retry: { retries: 1 } }).members.list());
    expect(malformed).toMatchObject({
      _tag: 'Transport',
      status: 200,
      reason: 'response body is not valid JSON',
      attempts: 2,
    });
  });

  it('Decode: a member without its user, named by its path', async () => {
    const client = gitBookClientFor(sandbox);
    const page = await Effect.runPromise(client.members.list({ limit: 3 }));
    const { user: _user, ...withoutUser } = page.items[1]!;
    await faults(sandbox, [
      {
        match: { path: gitBookPath(sandbox, membersPath()) },
        fault: { kind: 'body', body: { ...page, items: [page.items[0], withoutUser, page.items[2]] } },
      },
    ]);
    const error = await failureOf(Stream.runDrain(client.members.stream({ limit: 3 })));
    expect(error).toBeInstanceOf(Decode);
    expect(error).toMatchObject({
      status: 200,
      attempts: 1,
      issues: [{ path: 'items.1.user', message: 'is missing' }],
    });
  });

  it('a failed page fails the stream with its error', async () => {
    const client = gitBookClientFor(sandbox);
    const first = await Effect.runPromise(client.members.list({ limit: 5 }));
    await faults(sandbox, [
      {
        match: { path: gitBookPath(sandbox, membersPath()), query: { page: first.next!.page } },
        fault: { kind: 'status', status: 500 },
      },
    ]);
    const error = await failureOf(Stream.runDrain(client.members.stream({ limit: 5 })));
    expect(error).toMatchObject({ _tag: 'ServerError', attempts: 4 });
  });
});

describe('the GitBook token never shows', () => {
  it('in an error or a log, even when the server echoes it, raw or as its Bearer header', async () => {
    const { token } = sandbox.gitbook;
    const body = { error: { code: 503, message: `Authorization "Bearer ${token}" is throttled (token ${token})` } };
    await faults(sandbox, [
      { match: { path: gitBookPath(sandbox, membersPath()) }, fault: { kind: 'status', status: 503, body } },
    ]);
    const logs: string[] = [];
    const logger = Logger.make(({ message, annotations }) =>
      logs.push(`${String(message)} ${JSON.stringify([...annotations])}`),
    );
    const error = await Effect.runPromise(
      Effect.flip(gitBookClientFor(sandbox, { retry: { retries: 2 } }).members.list()).pipe(
        Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
        Logger.withMinimumLogLevel(LogLevel.Debug),
      ),
    );
    expect(error).toBeInstanceOf(ServerError);
    expect(logs.length).toBeGreaterThanOrEqual(2);
    const printed = [
      ...logs,
      String(error),
      JSON.stringify(error),
      Inspectable.format(error),
      Cause.pretty(Cause.fail(error)),
      error.stack ?? '',
    ];
    for (const text of printed) expect(text).not.toContain(token);
    expect(error.errors[0]?.message).toBe('Authorization "Bearer <redacted>" is throttled (token <redacted>)');
  });

  it('in the service or its layer', async () => {
    const service = await Effect.runPromise(
      GitBookInvites.pipe(
        Effect.provide(
          GitBookInvites.layer({
            token: sandbox.gitbook.token,
            organizationId: sandbox.gitbook.organizationId,
            baseUrl: sandbox.gitbook.url,
          }),
        ),
      ),
    );
    for (const text of [
      JSON.stringify(service.config),
      Inspectable.format(service.config),
      String(service.config.token),
    ]) {
      expect(text).not.toContain(sandbox.gitbook.token);
    }
  });
});
