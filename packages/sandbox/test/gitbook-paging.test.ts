/** GitBook cursor paging: `limit`, `next.page`, every record exactly once, unknown cursors refused. */
import type { GitBookSdk, OrganizationInviteLink, OrganizationMember } from '@rollcall/gitbook-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { allItems, gitBookCall, gitBookSdk, orgPath } from './support/gitbook-client.js';

let sandbox: Sandbox;
let sdk: GitBookSdk;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'gitbook-paging', gitbook: { members: 230, inviteLinks: 25 } });
  sdk = gitBookSdk(sandbox);
});
afterAll(() => sandbox.close());

const path = () => ({ organizationId: sandbox.gitbook.organizationId });
const membersPage = async (page: string | undefined, query: { limit?: number; role?: 'guest' } = {}) => {
  const { data, response } = await sdk.listMembersInOrganizationById({
    path: path(),
    query: { ...query, ...(page === undefined ? {} : { page }) },
  });
  expect(response.status).toBe(200);
  return data!;
};
const ids = (items: ReadonlyArray<{ id: string }>) => items.map((item) => item.id);

describe('members', () => {
  it('over many pages: every member exactly once, in id order, `count` on every page', async () => {
    const counts: number[] = [];
    const sizes: number[] = [];
    const { items, pages } = await allItems<OrganizationMember>(async (page) => {
      const body = await membersPage(page, { limit: 7 });
      counts.push(body.count!);
      sizes.push(body.items.length);
      return body;
    });
    expect(pages).toBe(Math.ceil(230 / 7));
    expect(sizes.slice(0, -1).every((size) => size === 7)).toBe(true);
    expect(sizes.at(-1)).toBe(230 % 7);
    expect(new Set(counts)).toEqual(new Set([230]));
    expect(ids(items)).toEqual(ids(sandbox.control.gitbook.members()));
    expect(new Set(ids(items)).size).toBe(230);
    expect(ids(items)).toEqual([...ids(items)].sort());
  });

  it('50 a page by default; the last page has no `next`', async () => {
    const first = await membersPage(undefined);
    expect(first.items).toHaveLength(50);
    expect(first.next?.page).toEqual(expect.any(String));
    const { pages } = await allItems((page) => membersPage(page));
    expect(pages).toBe(5);
    const exact = await membersPage(undefined, { limit: 230 });
    expect(exact.items).toHaveLength(230);
    expect(exact).not.toHaveProperty('next');
  });

  it('a cursor answers the same page every time', async () => {
    const first = await membersPage(undefined, { limit: 10 });
    const again = await membersPage(first.next!.page, { limit: 10 });
    expect(await membersPage(first.next!.page, { limit: 10 })).toEqual(again);
  });

  it('filters page too: every guest exactly once', async () => {
    const { items } = await allItems((page) => membersPage(page, { role: 'guest', limit: 3 }));
    const guests = sandbox.control.gitbook.members().filter((member) => member.role === null);
    expect(guests.length).toBeGreaterThan(3);
    expect(ids(items)).toEqual(ids(guests));
    expect((await membersPage(undefined, { role: 'guest', limit: 3 })).count).toBe(guests.length);
  });

  it('members added or removed between pages neither shift nor repeat the others', async () => {
    const before = ids(sandbox.control.gitbook.members());
    const first = await membersPage(undefined, { limit: 20 });
    const seenFirst = ids(first.items);
    const leaving = before.find((id) => !seenFirst.includes(id) && id !== sandbox.gitbook.userId)!;
    sandbox.control.gitbook.removeMember(leaving);
    const added = sandbox.control.gitbook.addMember({ email: 'between.pages@example.com' });

    const rest = await allItems(async (page) => membersPage(page ?? first.next!.page, { limit: 20 }));
    const seen = [...seenFirst, ...ids(rest.items)];
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).not.toContain(leaving);
    for (const id of before.filter((id) => id !== leaving)) expect(seen).toContain(id);
    // Added after the first page: listed when its id sorts after where paging stood.
    expect(seen.includes(added.id)).toBe(added.id > seenFirst.at(-1)!);
  });
});

describe('invite links', () => {
  it('over many pages: every link exactly once', async () => {
    const { items, pages } = await allItems<OrganizationInviteLink>(async (page) => {
      const { data } = await sdk.listOrganizationInviteLinks({
        path: path(),
        query: { limit: 4, ...(page === undefined ? {} : { page }) },
      });
      return data!;
    });
    expect(pages).toBe(7);
    expect(items).toEqual(sandbox.control.gitbook.inviteLinks());
  });
});

describe('cursors', () => {
  it('one the sandbox did not issue is a 400', async () => {
    const first = await membersPage(undefined, { limit: 5 });
    const cursor = first.next!.page;
    const [payload, signature] = cursor.split('.');
    const forged = Buffer.from(
      Buffer.from(payload!, 'base64url').toString('utf8').replace(/\n.*/, '\nzzzz'),
      'utf8',
    ).toString('base64url');
    for (const bad of ['nonsense', `${forged}.${signature}`, `${payload}.${'x'.repeat(signature!.length)}`, payload!]) {
      const response = await gitBookCall(sandbox, orgPath(sandbox, `/members?page=${encodeURIComponent(bad)}`));
      expect(response.status, bad).toBe(400);
      expect((await response.json()).error).toEqual({
        code: 400,
        message: `page: unknown cursor ${JSON.stringify(bad)}; pass next.page of the previous answer`,
      });
    }
  });

  it('one from another list is a 400', async () => {
    const members = await membersPage(undefined, { limit: 5 });
    const response = await gitBookCall(
      sandbox,
      orgPath(sandbox, `/link-invites?page=${encodeURIComponent(members.next!.page)}`),
    );
    expect(response.status).toBe(400);
  });

  it('cursors come from the seed: another sandbox with the same seed accepts them', async () => {
    const first = await membersPage(undefined, { limit: 5 });
    const twin = await startSandbox({ seed: 'gitbook-paging', gitbook: { members: 230, inviteLinks: 25 } });
    try {
      const response = await gitBookCall(
        twin,
        orgPath(twin, `/members?limit=5&page=${encodeURIComponent(first.next!.page)}`),
      );
      expect(response.status).toBe(200);
    } finally {
      await twin.close();
    }
  });
});
