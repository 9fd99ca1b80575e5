// @ts-check
/**
 * The client's runtime-neutral integration suite: the BUILT `@rollcall/client`,
 * `@rollcall/client/promise` and `@rollcall/sandbox`, a real sandbox on 127.0.0.1 in this process
 * (TransactionLink and GitBook), and nothing but `node:assert`. test/runtime-matrix.test.ts runs it on Node 20, Node 24, Deno 2
 * and Bun 1: `node test/runtime/suite.mjs`, `deno run -A test/runtime/suite.mjs`, `bun test/runtime/suite.mjs`.
 */
import assert from 'node:assert/strict';
import {
  ConfigError,
  CrossOriginRedirect,
  Decode,
  GitBookInvites,
  NotFound,
  ServerError,
  Timeout,
  TransactionLink,
  Transport,
} from '@rollcall/client';
import { createGitBookInvites, createTransactionLink, NotFound as PromiseNotFound } from '@rollcall/client/promise';
import { startSandbox } from '@rollcall/sandbox';
import { Chunk, Effect, Either, Stream } from 'effect';
import { startCountingServer, startRedirector } from '../support/redirecting-server.mjs';
import { check, runChecks } from './harness.mjs';

const sandbox = await startSandbox({
  seed: 'runtime-matrix',
  users: 57,
  maxPageSize: 10,
  gitbook: { members: 45, inviteLinks: 11 },
});
/** @type {Partial<import('@rollcall/client').RetryPolicy>} */
const quickRetry = { baseDelay: '1 millis', maxDelay: '5 millis' };
const UNKNOWN_USER = '00000000-0000-4000-8000-000000000000';

/**
 * The Effect service for the sandbox, with quick retries.
 * @param {Partial<import('@rollcall/client').TransactionLinkConfigInput>} [overrides]
 */
const service = (overrides = {}) =>
  Effect.runSync(
    TransactionLink.make({
      token: sandbox.token,
      baseUrl: sandbox.url,
      ...overrides,
      retry: { ...quickRetry, ...overrides.retry },
    }),
  );

/**
 * The GitBook Effect service for the sandbox's organization, with quick retries.
 * @param {Partial<import('@rollcall/client').GitBookConfigInput>} [overrides]
 */
const gitbook = (overrides = {}) =>
  Effect.runSync(
    GitBookInvites.make({
      token: sandbox.gitbook.token,
      organizationId: sandbox.gitbook.organizationId,
      baseUrl: sandbox.gitbook.url,
      ...overrides,
      retry: { ...quickRetry, ...overrides.retry },
    }),
  );

/**
 * Runs `effect`; its error, or a failed assertion if it succeeded.
 * @template A, E
 * @param {Effect.Effect<A, E>} effect
 * @returns {Promise<E>}
 */
const failureOf = async (effect) => {
  const result = await Effect.runPromise(Effect.either(effect));
  if (Either.isRight(result)) assert.fail('expected the call to fail');
  return result.left;
};

/**
 * Replaces the sandbox's fault rules (and other fault settings) and clears its request log.
 * @param {ReadonlyArray<import('@rollcall/sandbox').FaultRule>} rules
 * @param {import('@rollcall/sandbox').FaultConfig} [extra]
 */
const faults = async (rules, extra = {}) => {
  await sandbox.control.setFaults({ ...extra, rules });
  await sandbox.control.clearRequests();
};

/**
 * A fetch that notes when each request left, its answer's status and X-RateLimit-Reset (epoch ms).
 * @param {Array<{ sentAt: number, status: number, remaining: number, resetAt: number }>} exchanges
 * @returns {typeof globalThis.fetch}
 */
const recordingFetch = (exchanges) => async (input, init) => {
  const sentAt = Date.now();
  const response = await globalThis.fetch(input, init);
  exchanges.push({
    sentAt,
    status: response.status,
    remaining: Number(response.headers.get('x-ratelimit-remaining')),
    resetAt: Number(response.headers.get('x-ratelimit-reset')) * 1000,
  });
  return response;
};

check('Effect: a stream collects every user when the server clamps the page size', async () => {
  await faults([]);
  const tl = service();
  const users = Chunk.toArray(await Effect.runPromise(Stream.runCollect(tl.users.stream({ pageSize: 50 }))));
  assert.equal(users.length, 57);
  assert.equal(new Set(users.map((user) => user.id)).size, 57);
  const concurrent = await Effect.runPromise(Stream.runCollect(tl.users.stream({ pageSize: 50, concurrency: 3 })));
  assert.deepEqual(
    Chunk.toArray(concurrent).map((user) => user.id),
    users.map((user) => user.id),
  );
  assert.equal((await sandbox.control.requests()).length, 12); // 1 + 5 pages of 10, twice
});

check('Effect: a 429 with Retry-After: 1 is retried after >= 1 s and succeeds', async () => {
  await faults([
    { match: { path: '/organizations/roles' }, times: 1, fault: { kind: 'status', status: 429, retryAfter: '1' } },
  ]);
  /** @type {number[]} */
  const delays = [];
  const tl = service({ observer: { onRetry: ({ delayMs }) => delays.push(delayMs) } });
  const started = Date.now();
  const roles = await Effect.runPromise(tl.roles.list());
  assert.ok(Date.now() - started >= 1000, 'waited at least 1 s');
  assert.ok(roles.length > 0);
  assert.deepEqual(delays, [1000]);
});

check('Effect: an attempt past its timeout is aborted and fails with Timeout', async () => {
  await faults([{ match: { path: '/organizations/roles' }, fault: { kind: 'delay', ms: 3000 } }]);
  /** @type {AbortSignal[]} */
  const signals = [];
  const tl = service({
    timeout: '200 millis',
    retry: { retries: 0 },
    fetch: (input, init) => {
      if (input instanceof Request) signals.push(input.signal);
      return globalThis.fetch(input, init);
    },
  });
  const error = await failureOf(tl.roles.list());
  assert.ok(error instanceof Timeout, `expected Timeout, got ${error._tag}`);
  assert.equal(error.scope, 'attempt');
  assert.equal(error.attempts, 1);
  assert.equal(signals.length, 1);
  assert.equal(signals[0]?.aborted, true);
});

check('Effect: a body missing a required field is a Decode error naming it', async () => {
  await faults([]);
  const tl = service();
  const [user] = (await Effect.runPromise(tl.users.list({ size: 1 }))).content ?? [];
  assert.ok(user);
  const { email: _email, ...withoutEmail } = user;
  await faults([{ match: { path: `/organizations/users/${user.id}` }, fault: { kind: 'body', body: withoutEmail } }]);
  const error = await failureOf(tl.users.get(user.id));
  assert.ok(error instanceof Decode, `expected Decode, got ${error._tag}`);
  assert.deepEqual(error.issues, [{ path: 'email', message: 'is missing' }]);
});

check('Effect: NotFound carries status, method, path and the fingerprint', async () => {
  await faults([]);
  const error = await failureOf(service().users.get(UNKNOWN_USER));
  assert.ok(error instanceof NotFound);
  assert.equal(error.status, 404);
  assert.equal(error.method, 'GET');
  assert.equal(error.path, `/organizations/users/${UNKNOWN_USER}`);
  assert.equal(typeof error.fingerprint, 'string');
  assert.ok(!JSON.stringify(error).includes(sandbox.token) && !String(error).includes(sandbox.token));
});

check('Effect: reset, truncated and malformed answers to a GET are retried', async () => {
  await faults([
    { match: { path: '/organizations/workspaces' }, times: 1, fault: { kind: 'reset' } },
    { match: { path: '/organizations/workspaces' }, times: 1, fault: { kind: 'truncate' } },
    { match: { path: '/organizations/workspaces' }, times: 1, fault: { kind: 'malformed' } },
  ]);
  const workspaces = await Effect.runPromise(service().workspaces.list());
  assert.ok(workspaces.length > 0);
  assert.deepEqual(
    (await sandbox.control.requests()).map((request) => request.fault ?? request.status),
    ['reset', 'truncate', 'malformed', 200],
  );
});

check('Effect: a refused connection is a Transport error, retried even for a POST', async () => {
  const closed = await startSandbox({ users: 1 });
  await closed.close();
  const tl = service({ baseUrl: closed.url, retry: { retries: 2 } });
  const error = await failureOf(tl.enrollments.cancel(UNKNOWN_USER));
  assert.ok(error instanceof Transport, `expected Transport, got ${error._tag}`);
  assert.equal(error.reason, 'connection refused');
  assert.equal(error.attempts, 3);
});

check('Effect: writes send their JSON bodies (PUT profile, POST invite, POST cancel)', async () => {
  await faults([]);
  const tl = service();
  const [user] = (await Effect.runPromise(tl.users.list({ size: 1 }))).content ?? [];
  assert.ok(user);
  const updated = await Effect.runPromise(tl.users.updateProfile(user.id, { title: 'Runtime tester' }));
  assert.equal(updated.profile.title, 'Runtime tester');
  const [role] = await Effect.runPromise(tl.roles.list());
  assert.ok(role);
  const invited = await Effect.runPromise(tl.enrollments.invite({ email: 'matrix@example.com', roleId: role.id }));
  assert.equal(invited.status, 'PENDING');
  assert.equal(await Effect.runPromise(tl.enrollments.cancel(invited.enrollmentId)), undefined);
});

check('Effect: a redirect is followed within the origin; to another origin it is CrossOriginRedirect', async () => {
  await faults([]);
  const elsewhere = await startCountingServer();
  const redirector = await startRedirector(sandbox.url, elsewhere.url);
  try {
    const roles = await Effect.runPromise(service({ baseUrl: `${redirector.url}/same` }).roles.list());
    assert.deepEqual(roles, await Effect.runPromise(service().roles.list()));
    const error = await failureOf(service({ baseUrl: `${redirector.url}/away` }).roles.list());
    assert.ok(error instanceof CrossOriginRedirect, `expected CrossOriginRedirect, got ${error._tag}`);
    assert.equal(error.status, 302);
    assert.equal(error.location, `${elsewhere.url}/organizations/roles`);
    assert.equal(error.attempts, 1);
    assert.deepEqual(elsewhere.requests, []);
  } finally {
    await Promise.all([redirector.close(), elsewhere.close()]);
  }
});

check('Promise: resolves data and iterates a stream with for await', async () => {
  await faults([]);
  const tl = createTransactionLink({ token: sandbox.token, baseUrl: sandbox.url, retry: quickRetry });
  const page = await tl.users.list({ size: 5 });
  assert.equal(page.content?.length, 5);
  let count = 0;
  for await (const _user of tl.users.stream({ pageSize: 20 })) count += 1;
  assert.equal(count, 57);
});

check('Promise: rejects with the error classes, so instanceof works', async () => {
  await faults([{ match: { method: 'POST' }, fault: { kind: 'status', status: 500 } }]);
  const tl = createTransactionLink({ token: sandbox.token, baseUrl: sandbox.url, retry: quickRetry });
  const notFound = await tl.users.get(UNKNOWN_USER).catch((/** @type {unknown} */ error) => error);
  assert.ok(notFound instanceof NotFound && notFound instanceof PromiseNotFound && notFound instanceof Error);
  const serverError = await tl.users.resetMfa(UNKNOWN_USER).catch((/** @type {unknown} */ error) => error);
  assert.ok(serverError instanceof ServerError, 'a POST answered 500 rejects with ServerError');
  assert.equal(serverError.attempts, 1, 'a POST is not retried after a 500');
  assert.throws(() => createTransactionLink({ token: 'Bearer nope' }), ConfigError);
});

check('Promise: Retry-After as an HTTP-date is honoured', async () => {
  const until = new Date(Date.now() + 1500).toUTCString(); // whole seconds: 0.5 to 1.5 s from now
  await faults([
    { match: { path: '/organizations/roles' }, times: 1, fault: { kind: 'status', status: 503, retryAfter: until } },
  ]);
  /** @type {number[]} */
  const delays = [];
  const tl = createTransactionLink({
    token: sandbox.token,
    baseUrl: sandbox.url,
    retry: quickRetry,
    observer: { onRetry: ({ delayMs }) => delays.push(delayMs) },
  });
  const roles = await tl.roles.list();
  assert.ok(roles.length > 0);
  assert.equal(delays.length, 1);
  assert.ok(delays[0] !== undefined && delays[0] > 0 && delays[0] <= 1500, `waited ${delays[0]} ms for the date`);
  assert.ok(Date.now() >= Date.parse(until), 'retried no earlier than the date');
});

check('GitBook Effect: a stream follows next.page over many cursor pages, every member once', async () => {
  await faults([]);
  const members = Chunk.toArray(await Effect.runPromise(Stream.runCollect(gitbook().members.stream({ limit: 4 }))));
  const expected = sandbox.control.gitbook.members().map((member) => member.id);
  assert.ok(expected.length >= 45);
  assert.deepEqual(
    members.map((member) => member.id),
    expected,
  );
  assert.equal((await sandbox.control.requests()).length, Math.ceil(expected.length / 4));
  const links = Chunk.toArray(await Effect.runPromise(Stream.runCollect(gitbook().inviteLinks.stream({ limit: 3 }))));
  assert.deepEqual(
    links.map((link) => link.id),
    sandbox.control.gitbook.inviteLinks().map((link) => link.id),
  );
});

check('GitBook Effect: a 429 waits until X-RateLimit-Reset, then succeeds', async () => {
  await faults([], { rateLimit: { requestsPerSecond: 1, burst: 1 } });
  await Effect.runPromise(gitbook().members.list({ limit: 1 })); // another client spends the quota
  /** @type {Array<{ sentAt: number, status: number, remaining: number, resetAt: number }>} */
  const exchanges = [];
  /** @type {string[]} */
  const reasons = [];
  const client = gitbook({
    fetch: recordingFetch(exchanges),
    observer: { onRetry: ({ reason }) => reasons.push(reason) },
  });
  const page = await Effect.runPromise(client.members.list({ limit: 1 }));
  assert.equal(page.items.length, 1);
  assert.deepEqual(
    exchanges.map(({ status }) => status),
    [429, 200],
  );
  assert.ok(
    exchanges[1] && exchanges[0] && exchanges[1].sentAt >= exchanges[0].resetAt,
    'retried no earlier than Reset',
  );
  assert.deepEqual(reasons, ['HTTP 429']);
});

check('GitBook Effect: after Remaining 0 the next request waits until Reset, no 429', async () => {
  await faults([], { rateLimit: { requestsPerSecond: 2, burst: 1 } });
  /** @type {Array<{ sentAt: number, status: number, remaining: number, resetAt: number }>} */
  const exchanges = [];
  /** @type {number[]} */
  const waits = [];
  const client = gitbook({
    fetch: recordingFetch(exchanges),
    observer: { onRateLimitWait: ({ delayMs }) => waits.push(delayMs) },
  });
  await Effect.runPromise(client.members.list({ limit: 1 }));
  await Effect.runPromise(client.inviteLinks.list({ limit: 1 }));
  assert.equal(exchanges[0]?.status, 200);
  assert.equal(exchanges[0]?.remaining, 0);
  assert.deepEqual(
    exchanges.map(({ status }) => status),
    [200, 200],
  );
  assert.ok(exchanges[1] && exchanges[0] && exchanges[1].sentAt >= exchanges[0].resetAt, 'sent no earlier than Reset');
  assert.equal(waits.length, 1);
});

check('GitBook Effect: invites report failedSSOEmails; deleting reports 205 then 204', async () => {
  await faults([]);
  const client = gitbook();
  const invited = await Effect.runPromise(
    client.invites.inviteUsers({
      emails: ['matrix.sso@example.com', { email: 'matrix@other-org.example', role: 'read' }],
      role: 'edit',
      sso: true,
    }),
  );
  assert.equal(invited.invited, 2);
  assert.deepEqual(invited.failedSSOEmails, ['matrix@other-org.example']);
  const link = await Effect.runPromise(client.inviteLinks.create({ role: 'comment' }));
  assert.deepEqual(await Effect.runPromise(client.inviteLinks.delete(link.id)), { deleted: true });
  assert.deepEqual(await Effect.runPromise(client.inviteLinks.delete(link.id)), { deleted: false });
});

check('GitBook Effect: errors carry GitBook codes; the Bearer token never shows', async () => {
  await faults([]);
  const notFound = await failureOf(gitbook().inviteLinks.get('noSuchInvite'));
  assert.ok(notFound instanceof NotFound, `expected NotFound, got ${notFound._tag}`);
  assert.deepEqual(
    notFound.errors.map(({ code }) => code),
    ['404'],
  );
  const { token } = sandbox.gitbook;
  const body = { error: { code: 500, message: `bad "Bearer ${token}"` } };
  await faults([{ match: { method: 'GET' }, fault: { kind: 'status', status: 500, body } }]);
  const error = await failureOf(gitbook({ retry: { retries: 1 } }).members.list());
  assert.ok(error instanceof ServerError, `expected ServerError, got ${error._tag}`);
  assert.equal(error.errors[0]?.message, 'bad "Bearer <redacted>"');
  for (const text of [String(error), JSON.stringify(error), error.stack ?? '']) assert.ok(!text.includes(token));
});

check('GitBook Promise: for await over members, rejects with the error classes', async () => {
  await faults([]);
  const client = createGitBookInvites({
    token: sandbox.gitbook.token,
    organizationId: sandbox.gitbook.organizationId,
    baseUrl: sandbox.gitbook.url,
    retry: quickRetry,
  });
  let count = 0;
  for await (const _member of client.members.stream({ limit: 10 })) count += 1;
  assert.equal(count, sandbox.control.gitbook.members().length);
  const rejection = await client.inviteLinks.get('noSuchInvite').catch((/** @type {unknown} */ error) => error);
  assert.ok(rejection instanceof NotFound && rejection instanceof PromiseNotFound);
  assert.throws(() => createGitBookInvites({ token: 'Bearer x', organizationId: 'org' }), ConfigError);
});

await runChecks(() => sandbox.close());
