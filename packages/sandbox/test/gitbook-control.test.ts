/** GitBook's control API under `/_sandbox/gitbook`, over HTTP and in-process. */
import type { OrganizationMember } from '@rollcall/gitbook-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, SandboxControlError, startSandbox } from '../src/index.js';
import { gitBookCall, gitBookSdk, orgPath } from './support/gitbook-client.js';
import { controlCall } from './support/sandbox-client.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'gitbook-control', gitbook: { members: 10, inviteLinks: 5 } });
});
afterAll(() => sandbox.close());

const listed = async (): Promise<OrganizationMember[]> =>
  (
    await gitBookSdk(sandbox).listMembersInOrganizationById({
      path: { organizationId: sandbox.gitbook.organizationId },
      query: { limit: 1000 },
    })
  ).data!.items;
const membersAs = (token: string) =>
  gitBookCall(sandbox, orgPath(sandbox, '/members'), { headers: { Authorization: `Bearer ${token}` } });

describe('organization and tokens', () => {
  it('GET /gitbook tells the organization, the other one and the admin', async () => {
    expect(await controlCall(sandbox, 'GET', '/gitbook')).toEqual({
      status: 200,
      body: {
        organizationId: sandbox.gitbook.organizationId,
        otherOrganizationId: sandbox.gitbook.otherOrganizationId,
        userId: sandbox.gitbook.userId,
      },
    });
    expect(sandbox.control.gitbook.organization().userId).toBe(sandbox.gitbook.userId);
  });

  it('POST /gitbook/tokens: a new admin token, or one for a given user', async () => {
    const admin = await controlCall(sandbox, 'POST', '/gitbook/tokens');
    expect(admin.status).toBe(200);
    expect((await membersAs((admin.body as { token: string }).token)).status).toBe(200);
    const reader = sandbox.control.gitbook.addMember({ email: 'token.reader@example.com' });
    const theirs = await controlCall(sandbox, 'POST', '/gitbook/tokens', { userId: reader.id });
    expect((await membersAs((theirs.body as { token: string }).token)).status).toBe(200);
    expect((await controlCall(sandbox, 'POST', '/gitbook/tokens', { userId: 'nobody' })).status).toBe(404);
  });

  it('POST /gitbook/users: someone outside the organization, with a token', async () => {
    const answer = await controlCall(sandbox, 'POST', '/gitbook/users', { email: 'new.person@example.com' });
    expect(answer.status).toBe(200);
    const { userId, token } = answer.body as { userId: string; token: string };
    expect(userId).toMatch(/^[A-Za-z0-9]{28}$/);
    expect((await membersAs(token)).status).toBe(403);
    expect((await controlCall(sandbox, 'POST', '/gitbook/users', { email: 'new.person@example.com' })).status).toBe(
      409,
    );
    expect((await controlCall(sandbox, 'POST', '/gitbook/users', { email: 'nope' })).status).toBe(400);
    const unnamed = sandbox.control.gitbook.addUser();
    expect(unnamed.token).toMatch(/^gb_api_/);
  });
});

describe('members', () => {
  it('POST /gitbook/members adds a member the API then lists', async () => {
    const answer = await controlCall(sandbox, 'POST', '/gitbook/members', {
      email: 'added@example.com',
      displayName: 'Added, "Person"',
      role: null,
      sso: true,
      lastSeenAt: '2026-01-01T00:00:00Z',
    });
    expect(answer.status).toBe(200);
    const member = answer.body as OrganizationMember;
    expect(member).toMatchObject({
      role: null,
      sso: true,
      disabled: false,
      lastSeenAt: '2026-01-01T00:00:00.000Z',
      joinedAt: '2026-01-05T09:00:00.000Z',
      user: { displayName: 'Added, "Person"', email: 'added@example.com' },
    });
    expect(await listed()).toContainEqual(member);
    expect((await controlCall(sandbox, 'POST', '/gitbook/members', { email: 'ADDED@example.com' })).status).toBe(409);
    expect(
      (await controlCall(sandbox, 'POST', '/gitbook/members', { email: 'x@example.com', role: 'owner' })).status,
    ).toBe(400);
  });

  it('an invited user who left can be added again', async () => {
    const member = sandbox.control.gitbook.addMember({ email: 'comes.back@example.com', role: 'edit' });
    sandbox.control.gitbook.removeMember(member.id);
    expect(sandbox.control.gitbook.addMember({ email: 'comes.back@example.com' }).id).toBe(member.id);
  });

  it('PATCH /gitbook/members/{id} changes role, disabled, sso, lastSeenAt (null: never seen), email and name', async () => {
    const member = sandbox.control.gitbook.addMember({
      email: 'patched@example.com',
      lastSeenAt: '2025-12-01T10:00:00Z',
    });
    const answer = await controlCall(sandbox, 'PATCH', `/gitbook/members/${member.id}`, {
      role: 'review',
      disabled: true,
      sso: true,
      lastSeenAt: null,
      email: 'renamed@example.com',
      displayName: '=Renamed',
    });
    expect(answer.status).toBe(200);
    const changed = (await listed()).find((candidate) => candidate.id === member.id)!;
    expect(changed).toEqual(answer.body);
    expect(changed).toMatchObject({
      role: 'review',
      disabled: true,
      sso: true,
      user: { email: 'renamed@example.com', displayName: '=Renamed' },
    });
    expect(changed).not.toHaveProperty('lastSeenAt');
    expect(
      (await controlCall(sandbox, 'PATCH', `/gitbook/members/${member.id}`, { lastSeenAt: 'yesterday' })).status,
    ).toBe(400);
    expect((await controlCall(sandbox, 'PATCH', '/gitbook/members/nobody', { role: 'read' })).status).toBe(404);
  });

  it('DELETE /gitbook/members/{id} ends the membership', async () => {
    const member = sandbox.control.gitbook.addMember({ email: 'leaving@example.com' });
    expect(await controlCall(sandbox, 'DELETE', `/gitbook/members/${member.id}`)).toEqual({
      status: 200,
      body: { ok: true },
    });
    expect((await listed()).map((candidate) => candidate.id)).not.toContain(member.id);
    expect((await controlCall(sandbox, 'DELETE', `/gitbook/members/${member.id}`)).status).toBe(404);
  });

  it("the sandbox token's user stays an enabled admin (409)", async () => {
    const admin = sandbox.gitbook.userId;
    expect((await controlCall(sandbox, 'DELETE', `/gitbook/members/${admin}`)).status).toBe(409);
    expect((await controlCall(sandbox, 'PATCH', `/gitbook/members/${admin}`, { role: 'read' })).status).toBe(409);
    expect(() => sandbox.control.gitbook.updateMember(admin, { disabled: true })).toThrow(SandboxControlError);
    expect(sandbox.control.gitbook.updateMember(admin, { lastSeenAt: '2026-01-04T00:00:00Z' }).role).toBe('admin');
    expect((await membersAs(sandbox.gitbook.token)).status).toBe(200);
  });

  it('GET /gitbook/members is the in-process list', async () => {
    expect(await controlCall(sandbox, 'GET', '/gitbook/members')).toEqual({
      status: 200,
      body: sandbox.control.gitbook.members(),
    });
  });
});

describe('content', () => {
  it('GET /gitbook/invite-links, /spaces and /collections', async () => {
    expect((await controlCall(sandbox, 'GET', '/gitbook/invite-links')).body).toEqual(
      sandbox.control.gitbook.inviteLinks(),
    );
    expect((await controlCall(sandbox, 'GET', '/gitbook/spaces')).body).toEqual(sandbox.control.gitbook.spaces());
    expect((await controlCall(sandbox, 'GET', '/gitbook/collections')).body).toEqual(
      sandbox.control.gitbook.collections(),
    );
    expect(sandbox.control.gitbook.spaces().length).toBeGreaterThan(0);
    expect(sandbox.control.gitbook.collections().length).toBeGreaterThan(0);
  });

  it('control routes are neither rate limited nor logged', async () => {
    sandbox.control.setFaults({ rateLimit: { requestsPerSecond: 0.1, burst: 1 } });
    sandbox.control.clearRequests();
    try {
      for (let i = 0; i < 3; i++) expect((await controlCall(sandbox, 'GET', '/gitbook/members')).status).toBe(200);
      expect(sandbox.control.requests()).toEqual([]);
    } finally {
      sandbox.control.setFaults({});
    }
  });
});
