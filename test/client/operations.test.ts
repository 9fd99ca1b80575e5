import { BadRequest } from '@rollcall/client';
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { Effect } from 'effect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, failureOf } from './support.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'client-operations', users: 40 });
});
afterAll(() => sandbox.close());

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect);

describe('every operation, over HTTP', () => {
  it('roles and workspaces: list, workspace roles, memberships', async () => {
    const client = clientFor(sandbox);
    const roles = await run(client.roles.list());
    expect(roles.length).toBeGreaterThan(0);
    const workspaces = await run(client.workspaces.list());
    expect(workspaces.length).toBe(6);
    const workspace = workspaces[0]!;
    const workspaceRoles = await run(client.workspaces.roles(workspace.id!));
    expect(workspaceRoles.every((role) => role.workspaceId === workspace.id)).toBe(true);
    const memberships = await run(client.workspaces.memberships(workspace.id!));
    expect(memberships.every((membership) => membership.workspaceId === workspace.id)).toBe(true);
  });

  it('users: get, update profile and role, terminate, reinstate, reset MFA', async () => {
    const client = clientFor(sandbox);
    const roles = await run(client.roles.list());
    const page = await run(client.users.list({ page: 1, size: 10 }));
    expect(page).toMatchObject({ number: 1, size: 10, totalElements: 40, totalPages: 4 });
    const user = page.content!.find((u) => u.status === 'ACTIVE')!;
    expect(await run(client.users.get(user.id))).toEqual(user);

    const profiled = await run(client.users.updateProfile(user.id, { firstName: 'Grace', title: null }));
    expect(profiled.profile).toMatchObject({ firstName: 'Grace', title: null });

    const otherRole = roles.find((role) => role.id !== user.roleId)!;
    expect((await run(client.users.updateRole(user.id, otherRole.id))).roleId).toBe(otherRole.id);

    expect((await run(client.users.terminate(user.id))).status).toBe('TERMINATED');
    expect(await failureOf(client.users.terminate(user.id))).toBeInstanceOf(BadRequest);
    const reinstated = await run(client.users.reinstate(user.id, user.roleId));
    expect(reinstated).toMatchObject({ status: 'ACTIVE', roleId: user.roleId });

    expect(await run(client.users.resetMfa(user.id))).toBeUndefined();
  });

  it('enrollments: invite, resend, cancel, list by status', async () => {
    const client = clientFor(sandbox);
    const [role] = await run(client.roles.list());
    const [workspace] = await run(client.workspaces.list());
    const [workspaceRole] = await run(client.workspaces.roles(workspace!.id!));
    const invited = await run(
      client.enrollments.invite({
        email: 'new.hire@example.com',
        roleId: role!.id,
        firstName: 'New',
        workspaceAssignments: [{ workspaceId: workspace!.id!, roleId: workspaceRole!.id }],
      }),
    );
    expect(invited).toMatchObject({ email: 'new.hire@example.com', status: 'PENDING' });
    expect((await run(client.enrollments.resend(invited.enrollmentId))).enrollmentId).toBe(invited.enrollmentId);
    expect(await run(client.enrollments.cancel(invited.enrollmentId))).toBeUndefined();
    const cancelled = await run(client.enrollments.list({ status: ['CANCELLED'], size: 100 }));
    expect(cancelled.content?.map((e) => e.enrollmentId)).toContain(invited.enrollmentId);
  });
});
