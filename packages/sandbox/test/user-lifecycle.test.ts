import type { UserResponse } from '@rollcall/transactionlink-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { type BoundSdk, sdkFor } from './support/sandbox-client.js';

let sandbox: Sandbox;
let sdk: BoundSdk;
let roles: Record<string, string>;
let users: UserResponse[];

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'users', users: 60 });
  sdk = sdkFor(sandbox);
  roles = Object.fromEntries((await sdk.listOrganizationRoles({})).data!.map((role) => [role.name, role.id]));
  users = (await sdk.listUsers({ query: { size: 100 } })).data!.content!;
});
afterAll(() => sandbox.close());

const activeMember = () => users.find((u) => u.status === 'ACTIVE' && u.roleId === roles.member)!;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('user lifecycle', () => {
  it('gets a user as listed, and 404 for an unknown one', async () => {
    const user = users[5]!;
    expect((await sdk.getUser({ path: { userId: user.id } })).data).toEqual(user);
    const missing = await sdk.getUser({ path: { userId: UNKNOWN } });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ errors: [{ code: 'USER_NOT_FOUND' }] });
  });

  it('updates the profile: given fields change, null clears, absent ones stay', async () => {
    const user = activeMember();
    const first = await sdk.updateUserProfile({
      path: { userId: user.id },
      body: { firstName: 'Zoë, "Z"', title: null },
    });
    expect(first.response.status).toBe(200);
    expect(first.data!.profile).toEqual({ firstName: 'Zoë, "Z"', lastName: user.profile.lastName, title: null });
    const again = await sdk.getUser({ path: { userId: user.id } });
    expect(again.data).toEqual(first.data);
  });

  it('updates the role; an unknown role is 404', async () => {
    const user = activeMember();
    const updated = await sdk.updateUserRole({ path: { userId: user.id }, body: { roleId: roles.admin! } });
    expect(updated.data!.roleId).toBe(roles.admin);
    const unknown = await sdk.updateUserRole({ path: { userId: user.id }, body: { roleId: UNKNOWN } });
    expect(unknown.response.status).toBe(404);
    expect(unknown.error).toMatchObject({ errors: [{ code: 'ROLE_NOT_FOUND' }] });
  });

  it('terminates an ACTIVE user (400 when already terminated) and reinstates a TERMINATED one (400 otherwise)', async () => {
    const user = users.find((u) => u.status === 'ACTIVE' && u.roleId === roles.member && u.id !== activeMember().id)!;
    const terminated = await sdk.terminateUser({ path: { userId: user.id } });
    expect(terminated.data).toMatchObject({ id: user.id, status: 'TERMINATED' });
    const twice = await sdk.terminateUser({ path: { userId: user.id } });
    expect(twice.response.status).toBe(400);
    expect(twice.error).toMatchObject({ errors: [{ code: 'USER_ALREADY_TERMINATED' }] });

    const unknownRole = await sdk.reinstateUser({ path: { userId: user.id }, body: { roleId: UNKNOWN } });
    expect(unknownRole.response.status).toBe(404);
    const reinstated = await sdk.reinstateUser({ path: { userId: user.id }, body: { roleId: roles.admin! } });
    expect(reinstated.data).toMatchObject({ id: user.id, status: 'ACTIVE', roleId: roles.admin });
    const notTerminated = await sdk.reinstateUser({ path: { userId: user.id }, body: { roleId: roles.member! } });
    expect(notTerminated.response.status).toBe(400);
    expect(notTerminated.error).toMatchObject({ errors: [{ code: 'USER_NOT_TERMINATED' }] });
  });

  it('terminating an admin removes their inherited workspace access; explicit memberships stay', async () => {
    const [workspace] = (await sdk.listWorkspaces({})).data!;
    const admin = users.find((u) => u.status === 'ACTIVE' && u.roleId === roles.owner)!;
    const memberIds = async () =>
      (await sdk.listWorkspaceMemberships({ path: { workspaceId: workspace!.id! } })).data!.map((m) => m.userId);
    expect(await memberIds()).toContain(admin.id);
    await sdk.terminateUser({ path: { userId: admin.id } });
    expect(await memberIds()).not.toContain(admin.id);
    await sdk.reinstateUser({ path: { userId: admin.id }, body: { roleId: roles.owner! } });
    expect(await memberIds()).toContain(admin.id);
  });

  it('resets MFA with 204, and 404 for an unknown user', async () => {
    expect((await sdk.resetUserMfa({ path: { userId: users[1]!.id } })).response.status).toBe(204);
    expect((await sdk.resetUserMfa({ path: { userId: UNKNOWN } })).response.status).toBe(404);
  });

  it('every operation on an unknown user is 404', async () => {
    const path = { userId: UNKNOWN };
    const statuses = await Promise.all([
      sdk.updateUserProfile({ path, body: {} }),
      sdk.updateUserRole({ path, body: { roleId: roles.member! } }),
      sdk.terminateUser({ path }),
      sdk.reinstateUser({ path, body: { roleId: roles.member! } }),
    ]);
    expect(statuses.map((r) => r.response.status)).toEqual([404, 404, 404, 404]);
  });
});
