import { networkInterfaces } from 'node:os';
import type { UserResponse } from '@rollcall/transactionlink-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, SandboxControlError, startSandbox } from '../src/index.js';
import { type BoundSdk, call, controlCall, sdkFor } from './support/sandbox-client.js';

let sandbox: Sandbox;
let sdk: BoundSdk;
let memberRoleId: string;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'control', users: 30 });
  sdk = sdkFor(sandbox);
  memberRoleId = (await sdk.listOrganizationRoles()).data!.find((r) => r.name === 'member')!.id;
});
afterAll(() => sandbox.close());

describe('control API over HTTP', () => {
  it('health', async () => {
    expect(await controlCall(sandbox, 'GET', '/health')).toEqual({ status: 200, body: { ok: true } });
  });

  it('issues tokens with the scopes asked for, and refuses unknown scopes', async () => {
    const { status, body } = await controlCall(sandbox, 'POST', '/tokens', { scopes: ['can_view_workspace'] });
    expect(status).toBe(200);
    const token = (body as { token: string }).token;
    expect(token).toMatch(/^tot_[A-Za-z0-9]{52}$/);
    expect((await sdkFor(sandbox, token).listWorkspaces()).data!.length).toBeGreaterThan(0);
    expect((await sdkFor(sandbox, token).listUsers()).response.status).toBe(403);
    expect((await controlCall(sandbox, 'POST', '/tokens', { scopes: ['root'] })).status).toBe(400);
  });

  it('reads and advances the virtual clock; it never goes back', async () => {
    const { body } = await controlCall(sandbox, 'GET', '/clock');
    const start = (body as { now: string }).now;
    const advanced = await controlCall(sandbox, 'POST', '/clock/advance', { ms: 60_000 });
    expect(advanced).toEqual({ status: 200, body: { now: new Date(Date.parse(start) + 60_000).toISOString() } });
    expect((await controlCall(sandbox, 'POST', '/clock/advance', { ms: -1 })).status).toBe(400);
    expect(() => sandbox.control.advanceClock(-1)).toThrow(SandboxControlError);
  });

  it('accepts and expires enrollments; refuses unknown ids (404) and forbidden transitions (409)', async () => {
    const invite = async (email: string) =>
      (await sdk.inviteUser({ body: { email, roleId: memberRoleId } })).data!.enrollmentId;
    const accepted = await controlCall(
      sandbox,
      'POST',
      `/enrollments/${await invite('http.accept@example.com')}/accept`,
    );
    expect(accepted.status).toBe(200);
    const { enrollment, user } = accepted.body as { enrollment: { status: string }; user: UserResponse };
    expect(enrollment.status).toBe('ACCEPTED');
    expect((await sdk.getUser({ path: { userId: user.id } })).data).toEqual(user);

    const toExpire = await invite('http.expire@example.com');
    const expired = await controlCall(sandbox, 'POST', `/enrollments/${toExpire}/expire`);
    expect(expired).toMatchObject({ status: 200, body: { enrollmentId: toExpire, status: 'EXPIRED' } });
    expect((await controlCall(sandbox, 'POST', `/enrollments/${toExpire}/accept`)).status).toBe(409);
    expect((await controlCall(sandbox, 'POST', `/enrollments/${UNKNOWN}/expire`)).status).toBe(404);
  });

  it('adds, changes and removes users mid-run', async () => {
    const added = await controlCall(sandbox, 'POST', '/users', {
      email: 'mid.run@example.com',
      firstName: '=cmd',
      status: 'TERMINATED',
    });
    expect(added.status).toBe(200);
    const user = added.body as UserResponse;
    expect(user).toMatchObject({ email: 'mid.run@example.com', status: 'TERMINATED', roleId: memberRoleId });
    expect(user.createdDateTime).toBe(sandbox.control.now());

    const patched = await controlCall(sandbox, 'PATCH', `/users/${user.id}`, {
      status: 'ACTIVE',
      title: 'Auditor',
      lastLoginDateTime: '2025-12-24T18:00:00Z',
    });
    expect(patched.body).toMatchObject({
      status: 'ACTIVE',
      profile: { firstName: '=cmd', lastName: null, title: 'Auditor' },
      lastLoginDateTime: '2025-12-24T18:00:00.000Z',
    });
    expect((await sdk.getUser({ path: { userId: user.id } })).data).toEqual(patched.body);

    const duplicate = await controlCall(sandbox, 'POST', '/users', { email: 'MID.RUN@example.com' });
    expect(duplicate.status).toBe(409);
    expect((await controlCall(sandbox, 'PATCH', `/users/${user.id}`, { email: 'not an email' })).status).toBe(400);
    expect((await controlCall(sandbox, 'POST', '/users', { firstName: 'No email' })).status).toBe(400);

    expect(await controlCall(sandbox, 'DELETE', `/users/${user.id}`)).toEqual({ status: 200, body: { ok: true } });
    expect((await sdk.getUser({ path: { userId: user.id } })).response.status).toBe(404);
    expect((await controlCall(sandbox, 'DELETE', `/users/${user.id}`)).status).toBe(404);
  });

  it('sets, changes and removes workspace memberships', async () => {
    const [workspace] = (await sdk.listWorkspaces()).data!;
    const workspaceId = workspace!.id!;
    const [, developer, analyst] = (await sdk.listWorkspaceRoles({ path: { workspaceId } })).data!;
    const user = sandbox.control.addUser({ email: 'member.of@example.com' });
    const members = async () => (await sdk.listWorkspaceMemberships({ path: { workspaceId } })).data!;

    const set = await controlCall(sandbox, 'PUT', `/workspaces/${workspaceId}/memberships/${user.id}`, {
      roleId: developer!.id,
    });
    expect(set).toEqual({ status: 200, body: { workspaceId, userId: user.id, role: developer } });
    await controlCall(sandbox, 'PUT', `/workspaces/${workspaceId}/memberships/${user.id}`, { roleId: analyst!.id });
    expect((await members()).filter((m) => m.userId === user.id)).toEqual([
      { workspaceId, userId: user.id, role: analyst },
    ]);

    expect(
      (await controlCall(sandbox, 'PUT', `/workspaces/${workspaceId}/memberships/${user.id}`, { roleId: memberRoleId }))
        .status,
    ).toBe(404);
    expect(
      (await controlCall(sandbox, 'PUT', `/workspaces/${UNKNOWN}/memberships/${user.id}`, { roleId: analyst!.id }))
        .status,
    ).toBe(404);

    expect((await controlCall(sandbox, 'DELETE', `/workspaces/${workspaceId}/memberships/${user.id}`)).status).toBe(
      200,
    );
    expect((await members()).some((m) => m.userId === user.id)).toBe(false);
    expect((await controlCall(sandbox, 'DELETE', `/workspaces/${workspaceId}/memberships/${user.id}`)).status).toBe(
      404,
    );
  });

  it('removing a user removes their memberships', async () => {
    const [workspace] = (await sdk.listWorkspaces()).data!;
    const [, role] = (await sdk.listWorkspaceRoles({ path: { workspaceId: workspace!.id! } })).data!;
    const user = sandbox.control.addUser({ email: 'leaver@example.com' });
    sandbox.control.setMembership(workspace!.id!, user.id, role!.id);
    sandbox.control.removeUser(user.id);
    const members = (await sdk.listWorkspaceMemberships({ path: { workspaceId: workspace!.id! } })).data!;
    expect(members.some((m) => m.userId === user.id)).toBe(false);
  });

  it('logs API requests only, with method, path, query and status; clears the log on request', async () => {
    await controlCall(sandbox, 'DELETE', '/requests');
    await call(sandbox, '/organizations/users?page=2&size=5');
    await call(sandbox, '/organizations/nowhere');
    await controlCall(sandbox, 'GET', '/health');
    const { body } = await controlCall(sandbox, 'GET', '/requests');
    const log = body as Array<Record<string, unknown>>;
    expect(log.map(({ method, path, query, status }) => ({ method, path, query, status }))).toEqual([
      { method: 'GET', path: '/organizations/users', query: 'page=2&size=5', status: 200 },
      { method: 'GET', path: '/organizations/nowhere', query: '', status: 404 },
    ]);
    expect(log[1]!.seq).toBe((log[0]!.seq as number) + 1);
    expect(typeof log[0]!.durationMs).toBe('number');
    expect(sandbox.control.requests()).toEqual(log);
  });

  it('answers unknown control routes 404, wrong methods 405, bad JSON 400', async () => {
    expect((await controlCall(sandbox, 'GET', '/nothing')).status).toBe(404);
    expect((await controlCall(sandbox, 'POST', '/health')).status).toBe(405);
    const response = await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'PUT', body: '{nope' });
    expect(response.status).toBe(400);
  });

  it('answers loopback clients only', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal);
    if (!external) return; // no non-loopback interface to test from
    const open = await startSandbox({ users: 1, host: '0.0.0.0' });
    try {
      const port = new URL(open.url).port;
      const remote = await fetch(`http://${external.address}:${port}/_sandbox/health`);
      expect(remote.status).toBe(403);
      const local = await fetch(`http://127.0.0.1:${port}/_sandbox/health`);
      expect(local.status).toBe(200);
    } finally {
      await open.close();
    }
  });
});
