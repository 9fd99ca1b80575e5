import { describe, expect, it } from 'vitest';
import { type Sandbox, type SandboxOptions, startSandbox } from '../src/index.js';
import { call } from './support/sandbox-client.js';

/** A fixed session: reads of every kind, errors, writes and a clock move; every answer's bytes. */
async function session(options: SandboxOptions): Promise<string[]> {
  const sandbox = await startSandbox({ users: 120, ...options });
  try {
    const texts: string[] = [];
    const get = async (path: string) => {
      const text = await (await call(sandbox, path)).text();
      texts.push(text);
      return JSON.parse(text);
    };
    await get('/organizations/users?size=50');
    await get('/organizations/users?size=50&page=2');
    await get('/organizations/enrollments?status=PENDING,ACCEPTED,EXPIRED,CANCELLED&size=100');
    const roles = await get('/organizations/roles');
    const workspaces = (await get('/organizations/workspaces')) as Array<{ id: string }>;
    for (const workspace of workspaces) {
      await get(`/organizations/workspaces/${workspace.id}/roles`);
      await get(`/organizations/workspaces/${workspace.id}/memberships`);
    }
    await get('/organizations/users/00000000-0000-4000-8000-000000000000');
    const invited = await call(sandbox, '/organizations/enrollments', {
      method: 'POST',
      body: JSON.stringify({ email: 'same@example.com', roleId: roles[2].id }),
    });
    const enrollment = JSON.parse(await invited.text());
    texts.push(JSON.stringify(enrollment), JSON.stringify(sandbox.control.acceptEnrollment(enrollment.enrollmentId)));
    sandbox.control.advanceClock(3 * 86_400_000);
    texts.push(JSON.stringify(sandbox.control.addUser({ email: 'added@example.com' })));
    await get('/organizations/users?size=5&page=24');
    await get('/organizations/enrollments?status=EXPIRED&size=100');
    return texts;
  } finally {
    await sandbox.close();
  }
}

describe('determinism', () => {
  it('the same seed and options give byte-identical answers, ids, fingerprints and timestamps included', async () => {
    const first = await session({ seed: 'same' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await session({ seed: 'same' });
    expect(second).toEqual(first);
  });

  it('a different seed gives different data', async () => {
    const [a, b] = await Promise.all([session({ seed: 'one' }), session({ seed: 'two' })]);
    expect(b[0]).not.toEqual(a[0]);
    const ids = (text: string) => (JSON.parse(text).content as Array<{ id: string }>).map((user) => user.id);
    expect(ids(b[0]!).filter((id) => ids(a[0]!).includes(id))).toEqual([]);
  });

  it('numeric and string seeds are the same seed', async () => {
    expect(await session({ seed: 42 })).toEqual(await session({ seed: '42' }));
  });

  it('timestamps come from the seed and the virtual clock, not from wall time', async () => {
    const sandbox: Sandbox = await startSandbox({ seed: 'clock', users: 30, now: '2030-06-01T12:00:00.000Z' });
    try {
      const users = (await (await call(sandbox, '/organizations/users?size=100')).json()).content as Array<{
        createdDateTime: string;
        lastLoginDateTime: string | null;
      }>;
      for (const user of users) {
        expect(user.createdDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        expect(user.createdDateTime < '2030-06-01T12:00:00.000Z').toBe(true);
        if (user.lastLoginDateTime) expect(user.lastLoginDateTime <= '2030-06-01T12:00:00.000Z').toBe(true);
      }
      expect(sandbox.control.now()).toBe('2030-06-01T12:00:00.000Z');
      expect(sandbox.control.advanceClock(1500)).toBe('2030-06-01T12:00:01.500Z');
    } finally {
      await sandbox.close();
    }
  });
});
