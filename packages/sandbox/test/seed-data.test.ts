import type {
  EnrollmentResponse,
  OrganizationRoleResponse,
  UserResponse,
  WorkspaceMembershipResponse,
  WorkspaceResponse,
} from '@rollcall/transactionlink-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, SandboxOptionsError, startSandbox } from '../src/index.js';
import { allPages, type BoundSdk, sdkFor } from './support/sandbox-client.js';

let sandbox: Sandbox;
let sdk: BoundSdk;
let users: UserResponse[];
let enrollments: EnrollmentResponse[];
let roles: OrganizationRoleResponse[];
let workspaces: WorkspaceResponse[];

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'directory' });
  sdk = sdkFor(sandbox);
  users = await allPages((page) => sdk.listUsers({ query: { page, size: 100 } }).then((r) => r.data!));
  enrollments = await allPages((page) =>
    sdk
      .listEnrollments({ query: { page, size: 100, status: ['PENDING', 'ACCEPTED', 'EXPIRED', 'CANCELLED'] } })
      .then((r) => r.data!),
  );
  roles = (await sdk.listOrganizationRoles()).data!;
  workspaces = (await sdk.listWorkspaces()).data!;
});
afterAll(() => sandbox.close());

const profileValues = () =>
  users.flatMap((u) => [u.profile.firstName, u.profile.lastName, u.profile.title]).filter((v) => typeof v === 'string');

describe('seeded directory', () => {
  it('has the default sizes: 250 users, 125 enrollments, 6 workspaces', () => {
    expect(users).toHaveLength(250);
    expect(enrollments).toHaveLength(125);
    expect(workspaces).toHaveLength(6);
  });

  it('has roles owner, admin and member, and users in each', () => {
    expect(roles.map((r) => r.name)).toEqual(['owner', 'admin', 'member']);
    for (const role of roles) expect(users.some((u) => u.roleId === role.id)).toBe(true);
  });

  it('has LIVE and SANDBOX workspaces, each with roles', async () => {
    expect(new Set(workspaces.map((w) => w.workspaceType))).toEqual(new Set(['LIVE', 'SANDBOX']));
    for (const workspace of workspaces) {
      const workspaceRoles = (await sdk.listWorkspaceRoles({ path: { workspaceId: workspace.id! } })).data!;
      expect(workspaceRoles.length).toBeGreaterThan(0);
      expect(workspaceRoles.every((r) => r.workspaceId === workspace.id && r.type === 'WORKSPACE')).toBe(true);
    }
  });

  it('gives every ACTIVE owner and admin access to every workspace, besides explicit members', async () => {
    const privileged = new Set(roles.filter((r) => r.name !== 'member').map((r) => r.id));
    const inheriting = users.filter((u) => u.status === 'ACTIVE' && privileged.has(u.roleId)).map((u) => u.id);
    expect(inheriting.length).toBeGreaterThan(0);
    for (const workspace of workspaces) {
      const memberships: WorkspaceMembershipResponse[] = (
        await sdk.listWorkspaceMemberships({ path: { workspaceId: workspace.id! } })
      ).data!;
      const members = memberships.map((m) => m.userId);
      expect(members).toEqual(expect.arrayContaining(inheriting));
      expect(new Set(members).size).toBe(members.length);
      expect(memberships.some((m) => !inheriting.includes(m.userId))).toBe(true);
    }
  });

  it('has ACTIVE and TERMINATED users, and ACTIVE emails are unique', () => {
    expect(new Set(users.map((u) => u.status))).toEqual(new Set(['ACTIVE', 'TERMINATED']));
    const active = users.filter((u) => u.status === 'ACTIVE').map((u) => u.email.toLowerCase());
    expect(new Set(active).size).toBe(active.length);
  });

  it('has enrollments in every status', () => {
    expect(new Set(enrollments.map((e) => e.status))).toEqual(new Set(['PENDING', 'ACCEPTED', 'EXPIRED', 'CANCELLED']));
  });

  it('has the awkward values real directories have', () => {
    const values = profileValues();
    const titles = users.map((u) => u.profile.title).filter((t): t is string => typeof t === 'string');
    const names = users.flatMap((u) => [u.profile.firstName, u.profile.lastName]).filter((n) => typeof n === 'string');
    expect(names.some((n) => n!.includes(','))).toBe(true);
    expect(names.some((n) => n!.includes('"'))).toBe(true);
    expect(titles.some((t) => t.includes(','))).toBe(true);
    expect(titles.some((t) => t.includes('"'))).toBe(true);
    expect(titles.some((t) => t.includes('\n'))).toBe(true);
    expect(names.some((n) => n!.includes('\n'))).toBe(true);
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) expect(values.some((v) => v.startsWith(lead))).toBe(true);
    expect(values.some((v) => /\p{Script=Han}/u.test(v))).toBe(true);
    expect(values.some((v) => /\p{Script=Arabic}/u.test(v))).toBe(true);
    expect(values.some((v) => /\p{Script=Cyrillic}/u.test(v))).toBe(true);
    expect(values.some((v) => /\p{Extended_Pictographic}/u.test(v))).toBe(true);
  });

  it('has missing values: null profile fields, idpId and last login', () => {
    for (const field of ['firstName', 'lastName', 'title'] as const) {
      expect(users.some((u) => u.profile[field] === null)).toBe(true);
    }
    expect(users.some((u) => u.idpId === null)).toBe(true);
    expect(users.some((u) => u.lastLoginDateTime === null)).toBe(true);
    expect(enrollments.some((e) => e.lastInvitationSentAt === null)).toBe(true);
  });

  it('writes every timestamp as ISO-8601 UTC with Z, before the virtual now', () => {
    const stamps = [
      ...users.flatMap((u) => [u.createdDateTime, u.lastLoginDateTime]),
      ...enrollments.map((e) => e.lastInvitationSentAt),
    ].filter((s): s is string => typeof s === 'string');
    for (const stamp of stamps) {
      expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(stamp <= sandbox.control.now()).toBe(true);
    }
  });

  it('seeds PENDING invitations within the TTL and EXPIRED ones past it', () => {
    const age = (e: EnrollmentResponse) => Date.parse(sandbox.control.now()) - Date.parse(e.lastInvitationSentAt!);
    const week = 7 * 86_400_000;
    for (const e of enrollments.filter((e) => e.status === 'PENDING')) expect(age(e)).toBeLessThan(week);
    for (const e of enrollments.filter((e) => e.status === 'EXPIRED')) expect(age(e)).toBeGreaterThanOrEqual(week);
  });
});

describe('sizes and options', () => {
  it('starts empty, and with custom sizes', async () => {
    const empty = await startSandbox({ users: 0, workspaces: 0 });
    try {
      const emptySdk = sdkFor(empty);
      expect((await emptySdk.listUsers()).data).toEqual({
        content: [],
        totalElements: 0,
        totalPages: 0,
        size: 20,
        number: 0,
      });
      expect((await emptySdk.listEnrollments()).data!.totalElements).toBe(0);
      expect((await emptySdk.listWorkspaces()).data).toEqual([]);
    } finally {
      await empty.close();
    }
    const sized = await startSandbox({ users: 3, enrollments: 9, workspaces: 2 });
    try {
      const sizedSdk = sdkFor(sized);
      expect((await sizedSdk.listUsers()).data!.totalElements).toBe(3);
      const all = await sizedSdk.listEnrollments({
        query: { status: ['PENDING', 'ACCEPTED', 'EXPIRED', 'CANCELLED'] },
      });
      expect(all.data!.totalElements).toBe(9);
      expect((await sizedSdk.listWorkspaces()).data!.map((w) => w.workspaceType)).toEqual(['LIVE', 'SANDBOX']);
    } finally {
      await sized.close();
    }
  });

  it.each([
    [{ users: -1 }, 'users'],
    [{ users: 1.5 }, 'users'],
    [{ port: 70000 }, 'port'],
    [{ now: 'yesterday' }, 'now'],
    [{ maxPageSize: 0 }, 'maxPageSize'],
    [{ enrollmentTtlDays: 0 }, 'enrollmentTtlDays'],
    [{ faults: { latencyMs: -5 } }, 'faults.latencyMs'],
  ])('refuses %o, naming %s', async (options, field) => {
    const failure = await startSandbox(options).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SandboxOptionsError);
    expect((failure as SandboxOptionsError).message).toContain(field);
  });

  it('refuses a port that is taken, and frees its port on close', async () => {
    const first = await startSandbox({ users: 1 });
    const port = Number(new URL(first.url).port);
    await expect(startSandbox({ users: 1, port })).rejects.toThrow(/EADDRINUSE|in use/i);
    await first.close();
    const again = await startSandbox({ users: 1, port });
    expect(again.url).toBe(first.url);
    await again.close();
    await again.close();
  });
});
