/**
 * `decode: 'tolerant'` over HTTP against the sandbox serving spec drift: bodies come back as
 * received, each deviation reported once to `observer.onDeviation`; what the client pages by
 * stays strict; the default stays strict.
 */
import { Decode, type DeviationEvent } from '@rollcall/client';
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { Effect, Stream } from 'effect';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, failureOf, gitBookClientFor } from './support.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'tolerant-decoding', users: 12, gitbook: { members: 6, inviteLinks: 12 } });
});
afterAll(() => sandbox?.close());
afterEach(() => sandbox.control.setDrift({}));

const recording = () => {
  const events: Array<DeviationEvent> = [];
  return { events, observer: { onDeviation: (event: DeviationEvent) => void events.push(event) } };
};

describe("decode: 'tolerant'", () => {
  it('returns an unknown enum value and an undocumented field as received, and reports both', async () => {
    sandbox.control.setDrift({
      rules: [
        {
          match: { path: '/organizations/users' },
          edits: [
            { op: 'set', at: 'content.0.status', value: 'SUSPENDED' },
            { op: 'set', at: 'content.1.department', value: 'Audit' },
          ],
        },
      ],
    });
    const { events, observer } = recording();
    const client = clientFor(sandbox, { decode: 'tolerant', observer });
    const page = await Effect.runPromise(client.users.list({ size: 5 }));
    expect(page.content?.[0]?.status).toBe('SUSPENDED');
    expect((page.content?.[1] as Record<string, unknown> | undefined)?.department).toBe('Audit');
    expect(events).toEqual([
      {
        method: 'GET',
        path: '/organizations/users',
        status: 200,
        deviations: [
          { path: 'content.0.status', kind: 'unknown-value', value: 'SUSPENDED' },
          { path: 'content.1.department', kind: 'unknown-field', value: 'string' },
        ],
      },
    ]);
  });

  it('reads a space invite link with a minimal space as the space link it is', async () => {
    sandbox.control.setDrift({
      rules: [
        {
          match: { pathSuffix: '/link-invites' },
          edits: [{ op: 'pick', at: 'items.*.space', keep: ['object', 'id', 'title'] }],
        },
      ],
    });
    const { events, observer } = recording();
    const gitbook = gitBookClientFor(sandbox, { decode: 'tolerant', observer });
    const links = [...(await Effect.runPromise(Stream.runCollect(gitbook.inviteLinks.stream())))];
    const spaceLinks = links.filter((link) => 'space' in link);
    expect(spaceLinks.length).toBeGreaterThan(0);
    for (const link of spaceLinks) expect(Object.keys(link.space).sort()).toEqual(['id', 'object', 'title']);
    const paths = events.flatMap((event) => event.deviations.map((deviation) => deviation.path));
    expect(paths.every((path) => /^items\.\d+\.space\.\w+$/.test(path))).toBe(true);
    expect(events.flatMap((event) => event.deviations).filter((d) => d.path.endsWith('.space.emoji'))).toHaveLength(
      spaceLinks.length,
    );
  });

  it('stays strict on what it pages by: a page count of the wrong type is a Decode error', async () => {
    sandbox.control.setDrift({
      rules: [{ match: { path: '/organizations/users' }, edits: [{ op: 'set', at: 'totalPages', value: 'three' }] }],
    });
    const client = clientFor(sandbox, { decode: 'tolerant' });
    const error = await failureOf(Stream.runDrain(client.users.stream({ pageSize: 5 })));
    expect(error).toBeInstanceOf(Decode);
    expect((error as Decode).issues.map((issue) => issue.path)).toEqual(['totalPages']);
  });

  it('reports nothing for a body that matches the spec', async () => {
    const { events, observer } = recording();
    const client = clientFor(sandbox, { decode: 'tolerant', observer });
    await Effect.runPromise(Stream.runDrain(client.enrollments.stream({ pageSize: 5 })));
    expect(events).toEqual([]);
  });
});

describe('the default', () => {
  it('is strict: the same unknown enum value is a Decode error', async () => {
    sandbox.control.setDrift({
      rules: [
        { match: { path: '/organizations/users' }, edits: [{ op: 'set', at: 'content.0.status', value: 'SUSPENDED' }] },
      ],
    });
    const error = await failureOf(clientFor(sandbox).users.list({ size: 5 }));
    expect(error).toBeInstanceOf(Decode);
    expect((error as Decode).issues.map((issue) => issue.path)).toEqual(['content.0.status']);
  });
});
