/** Every GitBook operation's behaviour, through the generated SDK over HTTP. */
import type { GitBookSdk, OrganizationInviteLink, OrganizationMember } from '@rollcall/gitbook-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { gitBookIssuesAgainst, gitBookSdk } from './support/gitbook-client.js';

let sandbox: Sandbox;
let sdk: GitBookSdk;
let organizationId: string;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'gitbook-operations', gitbook: { members: 40, inviteLinks: 12 } });
  sdk = gitBookSdk(sandbox);
  organizationId = sandbox.gitbook.organizationId;
});
afterAll(() => sandbox.close());

const path = () => ({ organizationId });
const listMembers = async (query: { limit?: number; role?: 'admin' | 'guest' | 'read'; search?: string } = {}) =>
  (await sdk.listMembersInOrganizationById({ path: path(), query: { limit: 1000, ...query } })).data!.items;
const memberWith = async (email: string) =>
  (await listMembers({ search: email })).find((member) => member.user.email === email);
const linkOf = (kind: 'organization' | 'space' | 'collection') =>
  sandbox.control.gitbook
    .inviteLinks()
    .find((link) => (kind === 'organization' ? 'role' in link : kind in link)) as OrganizationInviteLink;

describe('listMembersInOrganizationById', () => {
  it('lists every member by id, each a valid OrganizationMember, with a count', async () => {
    const { data, response } = await sdk.listMembersInOrganizationById({ path: path() });
    expect(response.status).toBe(200);
    expect(data!.items).toHaveLength(40);
    expect(data!.count).toBe(40);
    expect(data!.next).toBeUndefined();
    const ids = data!.items.map((member) => member.id);
    expect(ids).toEqual([...ids].sort());
    for (const member of data!.items) expect(gitBookIssuesAgainst('OrganizationMember', member)).toBe('');
    expect(ids).toContain(sandbox.gitbook.userId);
  });

  it('shows guests with a null role, and filters by role (`guest` for them)', async () => {
    const guests = await listMembers({ role: 'guest' });
    expect(guests.length).toBeGreaterThan(0);
    expect(guests.every((member) => member.role === null)).toBe(true);
    const admins = await listMembers({ role: 'admin' });
    expect(admins.map((member) => member.id)).toContain(sandbox.gitbook.userId);
    expect(admins.every((member) => member.role === 'admin')).toBe(true);
    const all = await listMembers();
    expect(guests.length).toBe(all.filter((member) => member.role === null).length);
  });

  it('searches display names and emails, in any case', async () => {
    const [someone] = await listMembers();
    const byEmail = await listMembers({ search: someone!.user.email!.toUpperCase() });
    expect(byEmail.map((member) => member.id)).toEqual([someone!.id]);
    const { data } = await sdk.listMembersInOrganizationById({ path: path(), query: { search: 'no such person' } });
    expect(data).toEqual({ items: [], count: 0 });
  });
});

describe('inviteUsersToOrganization', () => {
  it('adds emails given as strings (default role from the body) and as {email, role}; they become members', async () => {
    const { data, response } = await sdk.inviteUsersToOrganization({
      path: path(),
      body: { emails: ['ops.lead@example.com', { email: 'guest.one@example.com', role: null }], role: 'edit' },
    });
    expect(response.status).toBe(200);
    expect(data).toEqual({ users: [expect.any(String), expect.any(String)], invited: 2 });
    const lead = await memberWith('ops.lead@example.com');
    const guest = await memberWith('guest.one@example.com');
    expect([lead!.id, guest!.id]).toEqual(data!.users);
    expect(lead).toMatchObject({ role: 'edit', disabled: false, sso: false, joinedAt: '2026-01-05T09:00:00.000Z' });
    expect(lead!.user.displayName).toBe('ops.lead');
    expect(lead).not.toHaveProperty('lastSeenAt');
    expect(guest!.role).toBeNull();
    expect(gitBookIssuesAgainst('OrganizationMember', lead)).toBe('');
  });

  it('gives `read` when the body names no role, and `null` (guest) when it says so', async () => {
    await sdk.inviteUsersToOrganization({ path: path(), body: { emails: ['plain.reader@example.com'] } });
    expect((await memberWith('plain.reader@example.com'))!.role).toBe('read');
    await sdk.inviteUsersToOrganization({ path: path(), body: { emails: ['default.guest@example.com'], role: null } });
    expect((await memberWith('default.guest@example.com'))!.role).toBeNull();
  });

  it('with sso, adds members of another organization but not as SSO users, and reports them', async () => {
    const { data } = await sdk.inviteUsersToOrganization({
      path: path(),
      body: { emails: ['sso.person@example.com', 'Someone@Other-Org.example'], sso: true },
    });
    expect(data).toEqual({
      users: [expect.any(String), expect.any(String)],
      invited: 2,
      failedSSOEmails: ['Someone@Other-Org.example'],
    });
    expect((await memberWith('sso.person@example.com'))!.sso).toBe(true);
    expect((await memberWith('Someone@Other-Org.example'))!.sso).toBe(false);

    const none = await sdk.inviteUsersToOrganization({
      path: path(),
      body: { emails: ['sso.second@example.com'], sso: true },
    });
    expect(none.data!.failedSSOEmails).toEqual([]);
  });

  it('skips members and repeated emails', async () => {
    const [member] = await listMembers();
    const { data } = await sdk.inviteUsersToOrganization({
      path: path(),
      body: { emails: [member!.user.email!, 'twice@example.com', 'TWICE@example.com'] },
    });
    expect(data!.invited).toBe(1);
    expect(data!.users).toEqual([(await memberWith('twice@example.com'))!.id]);
  });

  it('refuses the whole request when an email is not one (400), adding no one', async () => {
    const before = (await listMembers()).length;
    const { error, response } = await sdk.inviteUsersToOrganization({
      path: path(),
      body: { emails: ['fine@example.com', 'not an email'] },
    });
    expect(response.status).toBe(400);
    expect(error).toEqual({ error: { code: 400, message: 'emails.1: "not an email" is not an email address' } });
    expect(await listMembers()).toHaveLength(before);
  });
});

describe('joinOrganizationWithInvite', () => {
  it("joins the token's user with the invite link's role; before that they have no access", async () => {
    const outsider = sandbox.control.gitbook.addUser({ email: 'joiner@example.com' });
    const theirs = gitBookSdk(sandbox, outsider.token);
    expect((await theirs.listMembersInOrganizationById({ path: path() })).response.status).toBe(403);

    const link = (await sdk.createOrganizationInvite({ path: path(), body: { role: 'comment' } })).data!;
    const { data, response } = await theirs.joinOrganizationWithInvite({ path: { organizationId, inviteId: link.id } });
    expect(response.status).toBe(200);
    expect(data).toEqual({});
    expect(await memberWith('joiner@example.com')).toMatchObject({ id: outsider.userId, role: 'comment' });
    expect((await theirs.listMembersInOrganizationById({ path: path() })).response.status).toBe(200);
  });

  it('joins as a guest with a space or collection link', async () => {
    const outsider = sandbox.control.gitbook.addUser();
    const link = linkOf('space');
    await gitBookSdk(sandbox, outsider.token).joinOrganizationWithInvite({
      path: { organizationId, inviteId: link.id },
    });
    const member = (await listMembers()).find((candidate) => candidate.id === outsider.userId);
    expect(member!.role).toBeNull();
  });

  it('leaves a member as they are, and answers 404 for an unknown invite', async () => {
    const link = (await sdk.createOrganizationInvite({ path: path(), body: { role: 'read' } })).data!;
    expect(
      (await sdk.joinOrganizationWithInvite({ path: { organizationId, inviteId: link.id } })).response.status,
    ).toBe(200);
    const admin = (await listMembers()).find((member) => member.id === sandbox.gitbook.userId);
    expect(admin!.role).toBe('admin');
    const unknown = await sdk.joinOrganizationWithInvite({ path: { organizationId, inviteId: 'noSuchInvite' } });
    expect(unknown.response.status).toBe(404);
    expect(unknown.error).toEqual({ error: { code: 404, message: 'Invite noSuchInvite does not exist' } });
  });
});

describe('invite links', () => {
  it('lists links of all three kinds, each a valid OrganizationInviteLink', async () => {
    const { data } = await sdk.listOrganizationInviteLinks({ path: path(), query: { limit: 1000 } });
    const items = data!.items as OrganizationInviteLink[];
    expect(data!.count).toBe(items.length);
    expect(items.some((link) => 'role' in link)).toBe(true);
    expect(items.some((link) => 'space' in link)).toBe(true);
    expect(items.some((link) => 'collection' in link)).toBe(true);
    for (const link of items) expect(gitBookIssuesAgainst('OrganizationInviteLink', link)).toBe('');
  });

  it('creates organization, space and collection links (201) that get and list then show', async () => {
    const space = sandbox.control.gitbook.spaces()[0]!;
    const collection = sandbox.control.gitbook.collections()[0]!;
    const bodies = [
      { role: null },
      { level: 'edit', space: space.id },
      { level: 'read', collection: collection.id },
    ] as const;
    for (const body of bodies) {
      const { data, response } = await sdk.createOrganizationInvite({ path: path(), body });
      expect(response.status).toBe(201);
      expect(gitBookIssuesAgainst('OrganizationInviteLink', data)).toBe('');
      expect(data).toMatchObject({ object: 'invite', redundant: false });
      const fetched = await sdk.getOrganizationInviteLink({ path: { organizationId, inviteId: data!.id } });
      expect(fetched.data).toEqual(data);
      const listed = (await sdk.listOrganizationInviteLinks({ path: path(), query: { limit: 1000 } })).data!.items;
      expect(listed).toContainEqual(data);
    }
    const spaced = (await sdk.createOrganizationInvite({ path: path(), body: bodies[1] })).data!;
    expect(spaced).toMatchObject({ level: 'edit', space });
  });

  it('refuses an unknown space (404) and a body that is two kinds at once (400)', async () => {
    const unknown = await sdk.createOrganizationInvite({ path: path(), body: { level: 'read', space: 'noSuchSpace' } });
    expect(unknown.response.status).toBe(404);
    const both = await sdk.createOrganizationInvite({
      path: path(),
      body: { level: 'read', space: sandbox.control.gitbook.spaces()[0]!.id, role: 'read' } as never,
    });
    expect(both.response.status).toBe(400);
    expect((both.error as { error: { message: string } }).error.message).toMatch(/exactly one of `role`/);
  });

  it('updates the role of an organization link and the level of a space link, and refuses the other field', async () => {
    const organizationLink = linkOf('organization');
    const updated = await sdk.updateOrganizationInviteById({
      path: { organizationId, inviteId: organizationLink.id },
      body: { role: 'review' },
    });
    expect(updated.response.status).toBe(200);
    expect(updated.data).toEqual({ ...organizationLink, role: 'review' });

    const spaceLink = linkOf('space');
    const level = await sdk.updateOrganizationInviteById({
      path: { organizationId, inviteId: spaceLink.id },
      body: { level: null },
    });
    expect(level.data).toEqual({ ...spaceLink, level: null });

    const wrong = await sdk.updateOrganizationInviteById({
      path: { organizationId, inviteId: spaceLink.id },
      body: { role: 'read' },
    });
    expect(wrong.response.status).toBe(400);
    expect(wrong.error).toEqual({ error: { code: 400, message: 'A space invite has a `level`, not a `role`' } });
    const missing = await sdk.updateOrganizationInviteById({
      path: { organizationId, inviteId: 'noSuchInvite' },
      body: { role: 'read' },
    });
    expect(missing.response.status).toBe(404);
  });

  it('get answers 404 for an unknown link', async () => {
    const { response, error } = await sdk.getOrganizationInviteLink({ path: { organizationId, inviteId: 'nope' } });
    expect(response.status).toBe(404);
    expect(error).toEqual({ error: { code: 404, message: 'Invite nope does not exist' } });
  });

  it('delete answers 205 when it deleted and 204 when there was nothing to delete, neither with a body', async () => {
    const link = (await sdk.createOrganizationInvite({ path: path(), body: { role: 'read' } })).data!;
    const first = await sdk.deleteOrganizationInviteById({ path: { organizationId, inviteId: link.id } });
    expect(first.response.status).toBe(205);
    expect(await first.response.clone().text()).toBe('');
    const again = await sdk.deleteOrganizationInviteById({ path: { organizationId, inviteId: link.id } });
    expect(again.response.status).toBe(204);
    expect((await sdk.getOrganizationInviteLink({ path: { organizationId, inviteId: link.id } })).response.status).toBe(
      404,
    );
  });
});

describe('member records', () => {
  it('members() in-process match what the API lists', async () => {
    const listed: OrganizationMember[] = await listMembers();
    expect(sandbox.control.gitbook.members()).toEqual(listed);
  });
});
