import { ConfigError, NotFound } from '@rollcall/client';
import { createGitBookInvites, NotFound as NotFoundFromPromise } from '@rollcall/client/promise';
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { faults, gitBookPath, quickRetry } from './support.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'client-gitbook-promise', users: 5, gitbook: { members: 33, inviteLinks: 9 } });
});
afterAll(() => sandbox.close());
beforeEach(() => faults(sandbox, []));

const client = () =>
  createGitBookInvites({
    token: sandbox.gitbook.token,
    organizationId: sandbox.gitbook.organizationId,
    baseUrl: sandbox.gitbook.url,
    retry: quickRetry,
  });

describe('the GitBook Promise facade', () => {
  it('resolves pages and iterates every member and link with for await', async () => {
    const page = await client().members.list({ limit: 4 });
    expect(page.items).toHaveLength(4);
    const ids: string[] = [];
    for await (const member of client().members.stream({ limit: 4 })) ids.push(member.id);
    expect(ids).toEqual(sandbox.control.gitbook.members().map((member) => member.id));
    let links = 0;
    for await (const _link of client().inviteLinks.stream({ limit: 2 })) links += 1;
    expect(links).toBe(sandbox.control.gitbook.inviteLinks().length);
  });

  it('invites, creates and deletes, reporting failedSSOEmails and 205 vs 204', async () => {
    const gitbook = client();
    const invited = await gitbook.invites.inviteUsers({ emails: ['x@other-org.example', 'y@example.com'], sso: true });
    expect(invited).toMatchObject({ invited: 2, failedSSOEmails: ['x@other-org.example'] });
    const link = await gitbook.inviteLinks.create({ role: 'read' });
    expect(await gitbook.inviteLinks.delete(link.id)).toEqual({ deleted: true });
    expect(await gitbook.inviteLinks.delete(link.id)).toEqual({ deleted: false });
  });

  it('rejects with the error classes themselves, so instanceof works', async () => {
    const rejection = await client()
      .inviteLinks.get('noSuchInvite')
      .catch((error: unknown) => error);
    expect(rejection).toBeInstanceOf(NotFound);
    expect(rejection).toBeInstanceOf(NotFoundFromPromise);
    expect(rejection).toMatchObject({ status: 404, errors: [{ code: '404' }] });
    expect(() => createGitBookInvites({ token: '', organizationId: 'x' })).toThrow(ConfigError);
  });

  it('aborts a call with its signal', async () => {
    await faults(sandbox, [
      { match: { pathPrefix: gitBookPath(sandbox, '/orgs/') }, fault: { kind: 'delay', ms: 5_000 } },
    ]);
    const reason = new Error('user gave up');
    const controller = new AbortController();
    const pending = client().members.list({}, { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 50);
    await expect(pending).rejects.toBe(reason);
  });
});
