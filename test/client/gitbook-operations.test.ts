import type { OrganizationInviteLink } from '@rollcall/client';
import { NotFound } from '@rollcall/client';
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { Chunk, Effect, Stream } from 'effect';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failureOf, faults, gitBookClientFor, gitBookPath, seen } from './support.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'client-gitbook', users: 5, gitbook: { members: 130, inviteLinks: 23 } });
});
afterAll(() => sandbox.close());
beforeEach(() => faults(sandbox, []));

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(effect);
const collect = <A, E>(stream: Stream.Stream<A, E>) => run(Stream.runCollect(stream)).then(Chunk.toArray);
const kindOf = (link: OrganizationInviteLink) =>
  'space' in link ? 'space' : 'collection' in link ? 'collection' : 'organization';

describe('GitBook members', () => {
  it('lists a page and the next one through its cursor', async () => {
    const client = gitBookClientFor(sandbox);
    const first = await run(client.members.list({ limit: 5 }));
    expect(first.items).toHaveLength(5);
    expect(first.next?.page).toEqual(expect.any(String));
    const second = await run(client.members.list({ limit: 5, page: first.next!.page }));
    expect(second.items).toHaveLength(5);
    const ids = [...first.items, ...second.items].map((member) => member.id);
    expect(new Set(ids).size).toBe(10);
    expect(ids).toEqual(
      sandbox.control.gitbook
        .members()
        .slice(0, 10)
        .map((member) => member.id),
    );
  });

  it('streams every member exactly once over many cursor pages', async () => {
    const expected = sandbox.control.gitbook.members().map((member) => member.id);
    expect(expected.length).toBeGreaterThanOrEqual(130);
    const members = await collect(gitBookClientFor(sandbox).members.stream({ limit: 7 }));
    expect(members.map((member) => member.id)).toEqual(expected);
    const requests = await seen(sandbox);
    expect(requests).toHaveLength(Math.ceil(expected.length / 7));
    expect(requests.every((line) => line.startsWith(`GET ${gitBookPath(sandbox, '/orgs/')}`))).toBe(true);
  });

  it('decodes guests (role null) and members never seen (no lastSeenAt)', async () => {
    const members = await collect(gitBookClientFor(sandbox).members.stream());
    expect(members.some((member) => member.role === null)).toBe(true);
    expect(members.some((member) => member.lastSeenAt === undefined)).toBe(true);
    expect(members).toEqual(sandbox.control.gitbook.members());
  });

  it('sends the token as a Bearer token', async () => {
    const authorizations: Array<string | null> = [];
    const client = gitBookClientFor(sandbox, {
      fetch: (input, init) => {
        authorizations.push(new Request(input, init).headers.get('authorization'));
        return globalThis.fetch(input, init);
      },
    });
    await run(client.members.list({ limit: 1 }));
    expect(authorizations).toEqual([`Bearer ${sandbox.gitbook.token}`]);
  });
});

describe('GitBook invite links', () => {
  it('streams all three kinds, every link once', async () => {
    const links = await collect(gitBookClientFor(sandbox).inviteLinks.stream({ limit: 4 }));
    expect(links.map((link) => link.id)).toEqual(sandbox.control.gitbook.inviteLinks().map((link) => link.id));
    expect(new Set(links.map(kindOf))).toEqual(new Set(['organization', 'space', 'collection']));
  });

  it('creates, reads, updates and deletes: 205 deleted, then 204 did not exist', async () => {
    const client = gitBookClientFor(sandbox);
    const created = await run(client.inviteLinks.create({ role: 'comment' }));
    expect(created).toMatchObject({ object: 'invite', role: 'comment' });
    expect(await run(client.inviteLinks.get(created.id))).toEqual(created);
    expect(await run(client.inviteLinks.update(created.id, { role: null }))).toMatchObject({
      id: created.id,
      role: null,
    });

    await faults(sandbox, []);
    expect(await run(client.inviteLinks.delete(created.id))).toEqual({ deleted: true });
    expect(await run(client.inviteLinks.delete(created.id))).toEqual({ deleted: false });
    const path = gitBookPath(sandbox, `/orgs/${sandbox.gitbook.organizationId}/link-invites/${created.id}`);
    expect(await seen(sandbox)).toEqual([`DELETE ${path} 205`, `DELETE ${path} 204`]);
    expect(await failureOf(client.inviteLinks.get(created.id))).toBeInstanceOf(NotFound);
  });

  it('creates space and collection links with a level', async () => {
    const client = gitBookClientFor(sandbox);
    const [space] = sandbox.control.gitbook.spaces();
    const [collection] = sandbox.control.gitbook.collections();
    const spaceLink = await run(client.inviteLinks.create({ level: 'edit', space: space!.id }));
    expect(spaceLink).toMatchObject({ level: 'edit', space: { id: space!.id } });
    const collectionLink = await run(client.inviteLinks.create({ level: null, collection: collection!.id }));
    expect(collectionLink).toMatchObject({ level: null, collection: { id: collection!.id } });
    expect(await run(client.inviteLinks.update(spaceLink.id, { level: 'read' }))).toMatchObject({ level: 'read' });
  });
});

describe('GitBook invites', () => {
  it('invites emails as strings with the default role and as {email, role}', async () => {
    const client = gitBookClientFor(sandbox);
    const result = await run(
      client.invites.inviteUsers({
        emails: [
          'ada.invited@example.com',
          { email: 'grace.invited@example.com', role: 'admin' },
          { email: 'guest.invited@example.com', role: null },
        ],
        role: 'edit',
      }),
    );
    expect(result).toMatchObject({ invited: 3, failedSSOEmails: [] });
    expect(result.users).toHaveLength(3);
    const byEmail = new Map(sandbox.control.gitbook.members().map((member) => [member.user.email, member]));
    expect(byEmail.get('ada.invited@example.com')).toMatchObject({ role: 'edit', sso: false });
    expect(byEmail.get('grace.invited@example.com')).toMatchObject({ role: 'admin' });
    expect(byEmail.get('guest.invited@example.com')).toMatchObject({ role: null });
  });

  it('reports failedSSOEmails for people of another organization, who do not become SSO users', async () => {
    const client = gitBookClientFor(sandbox);
    const result = await run(
      client.invites.inviteUsers({ emails: ['sso.one@example.com', 'someone@other-org.example'], sso: true }),
    );
    expect(result).toMatchObject({ invited: 2, failedSSOEmails: ['someone@other-org.example'] });
    const byEmail = new Map(sandbox.control.gitbook.members().map((member) => [member.user.email, member]));
    expect(byEmail.get('sso.one@example.com')).toMatchObject({ sso: true });
    expect(byEmail.get('someone@other-org.example')).toMatchObject({ sso: false });
  });

  it("joins with an invite link: the token's user becomes a member with the link's role", async () => {
    const admin = gitBookClientFor(sandbox);
    const link = await run(admin.inviteLinks.create({ role: 'review' }));
    const newcomer = sandbox.control.gitbook.addUser({ email: 'newcomer@example.com' });
    const client = gitBookClientFor(sandbox, { token: newcomer.token });
    expect(await run(client.invites.join(link.id))).toBeUndefined();
    const member = sandbox.control.gitbook.members().find((m) => m.user.email === 'newcomer@example.com');
    expect(member).toMatchObject({ role: 'review' });
  });

  it('never sends an invitation twice: a POST that got a 500 is not retried', async () => {
    const path = gitBookPath(sandbox, `/orgs/${sandbox.gitbook.organizationId}/invites`);
    await faults(sandbox, [{ match: { method: 'POST', path }, times: 1, fault: { kind: 'status', status: 500 } }]);
    const error = await failureOf(gitBookClientFor(sandbox).invites.inviteUsers({ emails: ['once@example.com'] }));
    expect(error).toMatchObject({ _tag: 'ServerError', attempts: 1 });
    expect(await seen(sandbox)).toHaveLength(1);
  });
});
