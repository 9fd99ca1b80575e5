/** Memberships read as a stream over HTTP: the same members as the whole list, a broken body continued. */
import type { RetryEvent, WorkspaceMembershipResponse } from '@rollcall/client';
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { Chunk, Effect, Stream } from 'effect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, faults, seen } from './support.js';

let sandbox: Sandbox;
let workspaceId: string;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'streamed-list', users: 600 });
  const workspaces = await Effect.runPromise(clientFor(sandbox).workspaces.list());
  workspaceId = workspaces[0]!.id!;
});
afterAll(() => sandbox.close());

const membersPath = () => `/organizations/workspaces/${workspaceId}/memberships`;

const streamed = (client = clientFor(sandbox)) =>
  Effect.runPromise(
    Stream.runCollect(client.workspaces.membershipStream(workspaceId)).pipe(Effect.map(Chunk.toReadonlyArray)),
  );

describe('workspaces.membershipStream', () => {
  it('gives the members the whole list gives, in the same order', async () => {
    await faults(sandbox, []);
    const whole = await Effect.runPromise(clientFor(sandbox).workspaces.memberships(workspaceId));
    expect(whole.length).toBeGreaterThan(50);
    expect(await streamed()).toEqual(whole);
  });

  it('reads a body that broke off halfway again and goes on where it stopped: no member twice, none lost', async () => {
    await faults(sandbox, []);
    const whole: ReadonlyArray<WorkspaceMembershipResponse> = await Effect.runPromise(
      clientFor(sandbox).workspaces.memberships(workspaceId),
    );
    await faults(sandbox, [{ match: { path: membersPath() }, times: 1, fault: { kind: 'reset' } }]);
    const retries: Array<RetryEvent> = [];
    const members = await streamed(clientFor(sandbox, { observer: { onRetry: (event) => retries.push(event) } }));
    expect(members).toEqual(whole);
    expect(await seen(sandbox)).toEqual([`GET ${membersPath()} 200 reset`, `GET ${membersPath()} 200`]);
    expect(retries).toHaveLength(1);
  });

  it('is a Decode error naming the member and field when a member lacks a required field (strict)', async () => {
    await faults(sandbox, [
      { match: { path: membersPath() }, times: 1, fault: { kind: 'body', body: [{ workspaceId, userId: 'x' }] } },
    ]);
    const error = await Effect.runPromise(
      Effect.flip(Stream.runDrain(clientFor(sandbox).workspaces.membershipStream(workspaceId))),
    );
    expect(error._tag).toBe('Decode');
    expect(error.message).toMatch(/^.*\b0\./);
  });
});
