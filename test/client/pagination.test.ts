import { type EnrollmentResponse, PageDrift, type UserResponse } from '@rollcall/client';
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { Chunk, Effect, Stream } from 'effect';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clientFor, failureOf, faults, seen } from './support.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'client-pages', users: 137, enrollments: 90, maxPageSize: 20 });
});
afterAll(() => sandbox.close());
beforeEach(() => faults(sandbox, []));

const collect = <A, E>(stream: Stream.Stream<A, E>) => Effect.runPromise(Stream.runCollect(stream)).then(Chunk.toArray);

/** Every user by walking `list` by hand with the server's own size, for comparison. */
const allUsersByHand = async (): Promise<UserResponse[]> => {
  const client = clientFor(sandbox);
  const users: UserResponse[] = [];
  for (let page = 0; ; page++) {
    const answer = await Effect.runPromise(client.users.list({ page, size: 20 }));
    users.push(...(answer.content ?? []));
    if (page + 1 >= (answer.totalPages ?? 0)) return users;
  }
};

describe('streams', () => {
  it('collect every row when the server clamps the page size below what was asked', async () => {
    const users = await collect(clientFor(sandbox).users.stream({ pageSize: 500 }));
    expect(users).toHaveLength(137);
    expect(new Set(users.map((user) => user.id)).size).toBe(137);
    expect(users).toEqual(await allUsersByHand());
    const pages = (await seen(sandbox)).filter((line) => line.startsWith('GET /organizations/users '));
    expect(pages.length).toBeGreaterThanOrEqual(7); // ceil(137 / 20) pages at least, via the clamped size
  });

  it('keep page order with concurrent page fetches', async () => {
    const client = clientFor(sandbox);
    const sequential = await collect(client.users.stream({ pageSize: 20 }));
    await faults(sandbox, [
      // the early pages answer last
      { match: { path: '/organizations/users', query: { page: '1' } }, fault: { kind: 'delay', ms: 120 } },
      { match: { path: '/organizations/users', query: { page: '2' } }, fault: { kind: 'delay', ms: 60 } },
    ]);
    const concurrent = await collect(client.users.stream({ pageSize: 20, concurrency: 4 }));
    expect(concurrent.map((user) => user.id)).toEqual(sequential.map((user) => user.id));
  });

  it('fail with PageDrift when users are added mid-stream', async () => {
    const client = clientFor(sandbox);
    let added = false;
    const stream = client.users.pages({ pageSize: 20 }).pipe(
      Stream.tap(() =>
        Effect.sync(() => {
          if (added) return;
          added = true;
          sandbox.control.addUser({ email: 'late.joiner@example.com' });
        }),
      ),
    );
    const error = await failureOf(Stream.runDrain(stream));
    expect(error).toBeInstanceOf(PageDrift);
    expect(error).toMatchObject({ entity: 'users', expectedTotal: 137, actualTotal: 138, page: 1 });
    const user = (await collect(client.users.stream())).find((u) => u.email === 'late.joiner@example.com');
    sandbox.control.removeUser(user!.id);
  });

  it('enrollments.stream() without status yields ALL statuses; list() the API default, PENDING', async () => {
    const client = clientFor(sandbox);
    const all = await collect(client.enrollments.stream({ pageSize: 7 }));
    expect(all).toHaveLength(90);
    const statuses = new Set(all.map((enrollment: EnrollmentResponse) => enrollment.status));
    expect(statuses.size).toBeGreaterThan(1);
    const pending = await Effect.runPromise(client.enrollments.list({ size: 100 }));
    expect(pending.totalElements).toBe(all.filter((e) => e.status === 'PENDING').length);
    expect(new Set(pending.content?.map((e) => e.status))).toEqual(new Set(['PENDING']));
    const expired = await collect(client.enrollments.stream({ status: ['EXPIRED', 'CANCELLED'] }));
    expect(expired.map((e) => e.enrollmentId).sort()).toEqual(
      all
        .filter((e) => e.status === 'EXPIRED' || e.status === 'CANCELLED')
        .map((e) => e.enrollmentId)
        .sort(),
    );
  });

  it('retry a failed page without repeating or losing rows', async () => {
    await faults(sandbox, [
      {
        match: { path: '/organizations/users', query: { page: '3' } },
        times: 2,
        fault: { kind: 'status', status: 503 },
      },
    ]);
    const users = await collect(clientFor(sandbox).users.stream({ pageSize: 20, concurrency: 2 }));
    expect(users).toEqual(await allUsersByHand());
  });
});
