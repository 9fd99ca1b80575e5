import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { allPages, type BoundSdk, sdkFor } from './support/sandbox-client.js';

const DAY = 86_400_000;
let sandbox: Sandbox;
let sdk: BoundSdk;
let memberRoleId: string;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'enrollments', users: 40 });
  sdk = sdkFor(sandbox);
  const roles = await sdk.listOrganizationRoles({});
  memberRoleId = roles.data!.find((role) => role.name === 'member')!.id;
});
afterAll(() => sandbox.close());

const invite = (email: string, extra: Record<string, unknown> = {}) =>
  sdk.inviteUser({ body: { email, roleId: memberRoleId, ...extra } });

describe('enrollment lifecycle', () => {
  it('invites: 201 PENDING, invitation time is the virtual now, listed under PENDING', async () => {
    const { data, response } = await invite('new.hire@example.com', { firstName: 'New', lastName: 'Hire' });
    expect(response.status).toBe(201);
    expect(data).toMatchObject({ email: 'new.hire@example.com', status: 'PENDING' });
    expect(data!.lastInvitationSentAt).toBe(sandbox.control.now());

    const pending = await allPages((page) => sdk.listEnrollments({ query: { page, size: 100 } }).then((r) => r.data!));
    expect(pending.map((e) => e.enrollmentId)).toContain(data!.enrollmentId);
    expect(new Set(pending.map((e) => e.status))).toEqual(new Set(['PENDING']));
  });

  it('refuses to invite an email with a PENDING enrollment (400), or of an ACTIVE user (400)', async () => {
    await invite('twice@example.com');
    const again = await invite('TWICE@example.com');
    expect(again.response.status).toBe(400);
    expect(again.error).toMatchObject({ errors: [{ code: 'ENROLLMENT_ALREADY_PENDING' }] });

    const users = await sdk.listUsers({ query: { size: 100 } });
    const active = users.data!.content!.find((user) => user.status === 'ACTIVE')!;
    const existing = await invite(active.email);
    expect(existing.response.status).toBe(400);
    expect(existing.error).toMatchObject({ errors: [{ code: 'USER_ALREADY_EXISTS' }] });
  });

  it('answers 404 for an unknown role, workspace, or workspace role', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const role = await sdk.inviteUser({ body: { email: 'r@example.com', roleId: unknown } });
    expect(role.response.status).toBe(404);

    const workspace = await invite('w@example.com', {
      workspaceAssignments: [{ workspaceId: unknown, roleId: unknown }],
    });
    expect(workspace.response.status).toBe(404);
    expect(workspace.error).toMatchObject({ errors: [{ code: 'WORKSPACE_NOT_FOUND' }] });

    const [first] = (await sdk.listWorkspaces({})).data!;
    const workspaceRole = await invite('wr@example.com', {
      workspaceAssignments: [{ workspaceId: first!.id, roleId: memberRoleId }],
    });
    expect(workspaceRole.response.status).toBe(404);
    expect(workspaceRole.error).toMatchObject({ errors: [{ code: 'WORKSPACE_ROLE_NOT_FOUND' }] });
  });

  it('resends PENDING with a new invitation time; cancels PENDING to CANCELLED with 204; no resend or cancel after', async () => {
    const { data: created } = await invite('resend@example.com');
    sandbox.control.advanceClock(60_000);
    const resent = await sdk.resendInvitation({ path: { enrollmentId: created!.enrollmentId } });
    expect(resent.response.status).toBe(200);
    expect(resent.data).toMatchObject({ status: 'PENDING', lastInvitationSentAt: sandbox.control.now() });
    expect(resent.data!.lastInvitationSentAt).not.toBe(created!.lastInvitationSentAt);

    const cancelled = await sdk.cancelInvitation({ path: { enrollmentId: created!.enrollmentId } });
    expect(cancelled.response.status).toBe(204);
    const listed = await sdk.listEnrollments({ query: { status: ['CANCELLED'], size: 100 } });
    expect(listed.data!.content!.find((e) => e.enrollmentId === created!.enrollmentId)?.status).toBe('CANCELLED');

    const resendCancelled = await sdk.resendInvitation({ path: { enrollmentId: created!.enrollmentId } });
    expect(resendCancelled.response.status).toBe(400);
    const cancelAgain = await sdk.cancelInvitation({ path: { enrollmentId: created!.enrollmentId } });
    expect(cancelAgain.response.status).toBe(400);
    expect(cancelAgain.error).toMatchObject({ errors: [{ code: 'ENROLLMENT_NOT_PENDING' }] });
  });

  it('answers 404 for an unknown enrollment', async () => {
    const enrollmentId = '00000000-0000-4000-8000-000000000000';
    expect((await sdk.resendInvitation({ path: { enrollmentId } })).response.status).toBe(404);
    expect((await sdk.cancelInvitation({ path: { enrollmentId } })).response.status).toBe(404);
  });

  it('acceptance (control) creates an ACTIVE user with the role, profile and workspace memberships', async () => {
    const [workspace] = (await sdk.listWorkspaces({})).data!;
    const [, workspaceRole] = (await sdk.listWorkspaceRoles({ path: { workspaceId: workspace!.id! } })).data!;
    const { data: created } = await invite('accepted@example.com', {
      firstName: 'Acc',
      lastName: 'Epted',
      title: 'Analyst, "Risk"',
      workspaceAssignments: [{ workspaceId: workspace!.id, roleId: workspaceRole!.id }],
    });

    const { enrollment, user } = sandbox.control.acceptEnrollment(created!.enrollmentId);
    expect(enrollment.status).toBe('ACCEPTED');
    expect(user).toMatchObject({
      email: 'accepted@example.com',
      roleId: memberRoleId,
      status: 'ACTIVE',
      profile: { firstName: 'Acc', lastName: 'Epted', title: 'Analyst, "Risk"' },
      createdDateTime: sandbox.control.now(),
    });

    expect((await sdk.getUser({ path: { userId: user.id } })).data).toEqual(user);
    const users = await allPages((page) => sdk.listUsers({ query: { page, size: 100 } }).then((r) => r.data!));
    expect(users.at(-1)).toEqual(user);
    const memberships = (await sdk.listWorkspaceMemberships({ path: { workspaceId: workspace!.id! } })).data!;
    expect(memberships).toContainEqual({ workspaceId: workspace!.id, userId: user.id, role: workspaceRole });

    expect(() => sandbox.control.acceptEnrollment(created!.enrollmentId)).toThrow(/Only PENDING/);
    const reinvite = await invite('accepted@example.com');
    expect(reinvite.response.status).toBe(400);
  });

  it('expires PENDING enrollments once the TTL has passed on the virtual clock, and resends EXPIRED ones', async () => {
    const { data: created } = await invite('slow.reader@example.com');
    sandbox.control.advanceClock(7 * DAY - 1);
    const stillPending = await sdk.listEnrollments({ query: { status: ['PENDING'], size: 100 } });
    expect(stillPending.data!.content!.map((e) => e.enrollmentId)).toContain(created!.enrollmentId);

    sandbox.control.advanceClock(1);
    const expired = await allPages((page) =>
      sdk.listEnrollments({ query: { status: ['EXPIRED'], page, size: 100 } }).then((r) => r.data!),
    );
    expect(expired.find((e) => e.enrollmentId === created!.enrollmentId)?.status).toBe('EXPIRED');
    const pendingNow = await allPages((page) =>
      sdk.listEnrollments({ query: { page, size: 100 } }).then((r) => r.data!),
    );
    // Every seeded invitation was sent within the last TTL, so all of them are past it now.
    expect(pendingNow).toEqual([]);

    const resent = await sdk.resendInvitation({ path: { enrollmentId: created!.enrollmentId } });
    expect(resent.data).toMatchObject({ status: 'PENDING', lastInvitationSentAt: sandbox.control.now() });
    expect(() => sandbox.control.acceptEnrollment(created!.enrollmentId)).not.toThrow();
  });

  it('expires a PENDING enrollment on demand (control), and only a PENDING one', async () => {
    const { data: created } = await invite('on.demand@example.com');
    expect(sandbox.control.expireEnrollment(created!.enrollmentId).status).toBe('EXPIRED');
    expect(() => sandbox.control.expireEnrollment(created!.enrollmentId)).toThrow(/Only PENDING/);
    const again = await invite('on.demand@example.com');
    expect(again.response.status).toBe(201);
  });
});
