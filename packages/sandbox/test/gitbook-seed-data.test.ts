/** The seeded GitBook organization: what it contains, that it follows the spec, and that the seed alone decides it. */
import type { OrganizationMember } from '@rollcall/gitbook-fetch';
import { describe, expect, it } from 'vitest';
import { type Sandbox, type SandboxOptions, SandboxOptionsError, startSandbox } from '../src/index.js';
import { gitBookCall, gitBookIssuesAgainst, gitBookSdk, orgPath } from './support/gitbook-client.js';
import { call } from './support/sandbox-client.js';

async function withSandbox<T>(options: SandboxOptions, run: (sandbox: Sandbox) => Promise<T> | T): Promise<T> {
  const sandbox = await startSandbox({ users: 10, ...options });
  try {
    return await run(sandbox);
  } finally {
    await sandbox.close();
  }
}

describe('seeded content', () => {
  it('defaults: 40 members, 12 invite links, the admin a member; everything valid against the spec', () =>
    withSandbox({ seed: 'gitbook-seed' }, ({ gitbook, control }) => {
      const members = control.gitbook.members();
      const links = control.gitbook.inviteLinks();
      expect(members).toHaveLength(40);
      expect(links).toHaveLength(12);
      expect(gitbook.organizationId).toMatch(/^[a-zA-Z0-9_-]+$/);
      expect(gitbook.otherOrganizationId).not.toBe(gitbook.organizationId);
      expect(members.find((member) => member.id === gitbook.userId)).toMatchObject({ role: 'admin', disabled: false });
      for (const member of members) expect(gitBookIssuesAgainst('OrganizationMember', member)).toBe('');
      for (const link of links) expect(gitBookIssuesAgainst('OrganizationInviteLink', link)).toBe('');
      for (const space of control.gitbook.spaces()) expect(gitBookIssuesAgainst('Space', space)).toBe('');
      for (const collection of control.gitbook.collections()) {
        expect(gitBookIssuesAgainst('Collection', collection)).toBe('');
      }
      for (const space of control.gitbook.spaces()) expect(space.organization).toBe(gitbook.organizationId);
    }));

  it.each(['a', 'b', 'c', 42])(
    'seed %s: every role and guests; disabled, SSO, never-seen and photo-less members',
    (seed) =>
      withSandbox({ seed, gitbook: { members: 11 } }, ({ control }) => {
        const members = control.gitbook.members();
        expect(new Set(members.map((member) => member.role))).toEqual(
          new Set(['admin', 'create', 'edit', 'review', 'comment', 'read', null]),
        );
        expect(members.some((member) => member.disabled)).toBe(true);
        expect(members.some((member) => !member.disabled)).toBe(true);
        expect(members.some((member) => member.sso)).toBe(true);
        expect(members.some((member) => member.lastSeenAt === undefined)).toBe(true);
        expect(members.some((member) => member.lastSeenAt !== undefined)).toBe(true);
        expect(members.some((member) => member.user.photoURL === undefined)).toBe(true);
      }),
  );

  it('names exports must survive: CSV-significant, formula-like, control characters, many scripts, emoji, empty', () =>
    withSandbox({ seed: 'awkward' }, ({ control }) => {
      const names = control.gitbook.members().map((member) => member.user.displayName);
      const some = (test: (name: string) => boolean) => names.some(test);
      expect(some((name) => name.includes(','))).toBe(true);
      expect(some((name) => name.includes('"'))).toBe(true);
      expect(some((name) => name.includes('\n'))).toBe(true);
      for (const lead of ['=', '+', '-', '@', '\t', '\r'])
        expect(
          some((name) => name.startsWith(lead)),
          lead,
        ).toBe(true);
      expect(some((name) => /\p{Script=Han}/u.test(name))).toBe(true);
      expect(some((name) => /\p{Script=Arabic}/u.test(name))).toBe(true);
      expect(some((name) => /\p{Script=Cyrillic}/u.test(name))).toBe(true);
      expect(some((name) => /\p{Extended_Pictographic}/u.test(name))).toBe(true);
      expect(names).toContain('');
    }));

  it('invite links of all three kinds, redundant and not, guest links among them', () =>
    withSandbox({ seed: 'links', gitbook: { inviteLinks: 3 } }, ({ control }) => {
      const links = control.gitbook.inviteLinks();
      const kinds = links.map((link) => ('role' in link ? 'organization' : 'space' in link ? 'space' : 'collection'));
      expect(new Set(kinds)).toEqual(new Set(['organization', 'space', 'collection']));
      expect(new Set(links.map((link) => link.redundant))).toEqual(new Set([true, false]));
      expect(links.some((link) => ('role' in link ? link.role : link.level) === null)).toBe(true);
      const spaceLink = links.find((link) => 'space' in link) as { space: { id: string } };
      expect(control.gitbook.spaces().map((space) => space.id)).toContain(spaceLink.space.id);
    }));

  it('timestamps come from the seed and the virtual clock: before now, ISO-8601 with Z', () =>
    withSandbox({ seed: 'clock', now: '2031-03-01T00:00:00.000Z' }, ({ control }) => {
      for (const member of control.gitbook.members()) {
        expect(member.joinedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        expect(member.joinedAt < '2031-03-01T00:00:00.000Z').toBe(true);
        if (member.lastSeenAt)
          expect(member.lastSeenAt >= member.joinedAt && member.lastSeenAt <= '2031-03-01T00:00:00.000Z').toBe(true);
      }
    }));
});

describe('options', () => {
  it('organizationId replaces the seeded id and nothing else', async () => {
    const strip = (members: ReadonlyArray<OrganizationMember>) => JSON.stringify(members);
    const seeded = await withSandbox({ seed: 'org' }, ({ control }) => strip(control.gitbook.members()));
    await withSandbox({ seed: 'org', gitbook: { organizationId: 'acme-Docs_1' } }, async (sandbox) => {
      expect(sandbox.gitbook.organizationId).toBe('acme-Docs_1');
      expect(strip(sandbox.control.gitbook.members())).toBe(seeded);
      expect((await gitBookCall(sandbox, '/orgs/acme-Docs_1/members')).status).toBe(200);
    });
  });

  it('one member (the admin) and no invite links are fine', () =>
    withSandbox({ seed: 'small', gitbook: { members: 1, inviteLinks: 0 } }, async (sandbox) => {
      const { data } = await gitBookSdk(sandbox).listOrganizationInviteLinks({
        path: { organizationId: sandbox.gitbook.organizationId },
      });
      expect(data).toEqual({ items: [], count: 0 });
      expect(sandbox.control.gitbook.members().map((member) => member.id)).toEqual([sandbox.gitbook.userId]);
    }));

  it('bad values are refused, naming the field', async () => {
    await expect(startSandbox({ gitbook: { members: 0 } })).rejects.toThrow(SandboxOptionsError);
    await expect(startSandbox({ gitbook: { members: 0 } })).rejects.toThrow(/gitbook\.members/);
    await expect(startSandbox({ gitbook: { inviteLinks: -1 } })).rejects.toThrow(/gitbook\.inviteLinks/);
    await expect(startSandbox({ gitbook: { organizationId: 'has space' } })).rejects.toThrow(
      /gitbook\.organizationId: must match/,
    );
  });

  it('the GitBook URL is the sandbox URL with /v1', () =>
    withSandbox({ seed: 'url' }, ({ url, gitbook }) => {
      expect(gitbook.url).toBe(`${url}/v1`);
    }));
});

describe('determinism', () => {
  /** A fixed GitBook session: reads, writes, errors; every answer's bytes. */
  async function session(options: SandboxOptions): Promise<string[]> {
    return withSandbox({ gitbook: { members: 60, inviteLinks: 9 }, ...options }, async (sandbox) => {
      const texts: string[] = [];
      const send = async (path: string, init: RequestInit = {}) => {
        const text = await (await gitBookCall(sandbox, path, init)).text();
        texts.push(text);
        return text ? JSON.parse(text) : undefined;
      };
      const first = await send(orgPath(sandbox, '/members?limit=25'));
      await send(orgPath(sandbox, `/members?limit=25&page=${encodeURIComponent(first.next.page)}`));
      await send(orgPath(sandbox, '/members?role=guest'));
      const links = await send(orgPath(sandbox, '/link-invites'));
      await send(orgPath(sandbox, '/invites'), {
        method: 'POST',
        body: JSON.stringify({
          emails: ['new.one@example.com', { email: 'x@other-org.example', role: 'edit' }],
          sso: true,
        }),
      });
      const created = await send(orgPath(sandbox, '/link-invites'), {
        method: 'POST',
        body: JSON.stringify({ role: 'read' }),
      });
      await send(orgPath(sandbox, `/link-invites/${links.items[0].id}`), {
        method: 'PATCH',
        body: JSON.stringify('role' in links.items[0] ? { role: 'admin' } : { level: 'admin' }),
      });
      await send(orgPath(sandbox, `/link-invites/${created.id}`));
      await send(orgPath(sandbox, '/link-invites/unknownInvite'));
      sandbox.control.advanceClock(86_400_000);
      texts.push(JSON.stringify(sandbox.control.gitbook.addMember({ email: 'later@example.com' })));
      texts.push(JSON.stringify(sandbox.control.gitbook.addUser().userId));
      await send(orgPath(sandbox, '/members?limit=1000'));
      return texts;
    });
  }

  it('the same seed and options give byte-identical answers, ids and cursors included', async () => {
    const first = await session({ seed: 'same' });
    expect(await session({ seed: 'same' })).toEqual(first);
  });

  it('a different seed gives different data; 42 and "42" are one seed', async () => {
    const [a, b] = await Promise.all([session({ seed: 'one' }), session({ seed: 'two' })]);
    const ids = (text: string) => (JSON.parse(text).items as Array<{ id: string }>).map((item) => item.id);
    expect(ids(b[0]!).filter((id) => ids(a[0]!).includes(id))).toEqual([]);
    expect(await session({ seed: 42 })).toEqual(await session({ seed: '42' }));
  });

  it('GitBook options do not change TransactionLink’s data', async () => {
    const users = (gitbook: SandboxOptions['gitbook']) =>
      withSandbox({ seed: 'apart', users: 30, ...(gitbook ? { gitbook } : {}) }, async (sandbox) =>
        (await call(sandbox, '/organizations/users?size=100')).text(),
      );
    expect(await users({ members: 300, inviteLinks: 50 })).toBe(await users(undefined));
  });
});
