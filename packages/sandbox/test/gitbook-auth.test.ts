/** GitBook auth: Bearer tokens, 401 / 403 / 404 by who calls and which organization, and the token kept secret. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { gitBookCall, gitBookSdk, orgPath } from './support/gitbook-client.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'gitbook-auth', gitbook: { members: 12 } });
});
afterAll(() => sandbox.close());

const errorOf = async (response: Response) => ({ status: response.status, body: await response.json() });
const membersWith = (token: string) =>
  gitBookCall(sandbox, orgPath(sandbox, '/members'), { headers: { Authorization: `Bearer ${token}` } });

describe('the token', () => {
  it('missing: 401 in GitBook’s error format', async () => {
    const { status, body } = await errorOf(
      await gitBookCall(sandbox, orgPath(sandbox, '/members'), { headers: { Authorization: '' } }),
    );
    expect(status).toBe(401);
    expect(body).toEqual({ error: { code: 401, message: 'Missing Authorization header: send `Bearer <token>`' } });
  });

  it('without the Bearer scheme, another scheme, or unknown: 401', async () => {
    for (const header of [
      sandbox.gitbook.token,
      `Basic ${sandbox.gitbook.token}`,
      'Bearer gb_api_unknown',
      `Bearer ${sandbox.token}`,
    ]) {
      const response = await gitBookCall(sandbox, orgPath(sandbox, '/members'), { headers: { Authorization: header } });
      expect(response.status, header.slice(0, 12)).toBe(401);
      expect((await response.json()).error.code).toBe(401);
    }
  });

  it('the scheme is case-insensitive, as HTTP says', async () => {
    const response = await gitBookCall(sandbox, orgPath(sandbox, '/members'), {
      headers: { Authorization: `bearer ${sandbox.gitbook.token}` },
    });
    expect(response.status).toBe(200);
  });

  it('is checked before the request: no token and a bad body is still 401', async () => {
    const response = await gitBookCall(sandbox, orgPath(sandbox, '/invites'), {
      method: 'POST',
      body: '{',
      headers: { Authorization: '' },
    });
    expect(response.status).toBe(401);
  });

  it('the generated SDK sends it as Bearer', async () => {
    const { response } = await gitBookSdk(sandbox).listMembersInOrganizationById({
      path: { organizationId: sandbox.gitbook.organizationId },
    });
    expect(response.status).toBe(200);
    const anonymous = await gitBookSdk(sandbox, null).listMembersInOrganizationById({
      path: { organizationId: sandbox.gitbook.organizationId },
    });
    expect(anonymous.response.status).toBe(401);
  });
});

describe('the organization', () => {
  it('one the token has no access to: 403; one that does not exist: 404', async () => {
    const other = await errorOf(await gitBookCall(sandbox, `/orgs/${sandbox.gitbook.otherOrganizationId}/members`));
    expect(other).toEqual({
      status: 403,
      body: {
        error: { code: 403, message: `You do not have access to organization ${sandbox.gitbook.otherOrganizationId}` },
      },
    });
    const unknown = await errorOf(await gitBookCall(sandbox, '/orgs/noSuchOrganization/link-invites'));
    expect(unknown).toEqual({
      status: 404,
      body: { error: { code: 404, message: 'Organization noSuchOrganization does not exist' } },
    });
  });

  it('a user outside it: 403 for everything but joining', async () => {
    const { token } = sandbox.control.gitbook.addUser();
    expect((await membersWith(token)).status).toBe(403);
    const create = await gitBookCall(sandbox, orgPath(sandbox, '/link-invites'), {
      method: 'POST',
      body: JSON.stringify({ role: 'read' }),
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(create.status).toBe(403);
  });

  it('members read; only admins change; guests and disabled members have no access', async () => {
    const members = sandbox.control.gitbook.members();
    const admin = members.find((member) => member.role === 'admin' && member.id !== sandbox.gitbook.userId);
    const reader = sandbox.control.gitbook.addMember({ email: 'reader@example.com', role: 'read' });
    const guest = sandbox.control.gitbook.addMember({ email: 'guest@example.com', role: null });
    const disabled = sandbox.control.gitbook.addMember({ email: 'off@example.com', role: 'edit', disabled: true });
    const tokenOf = (id: string) => sandbox.control.gitbook.issueToken(id);

    expect((await membersWith(tokenOf(reader.id))).status).toBe(200);
    expect((await membersWith(tokenOf(guest.id))).status).toBe(403);
    expect((await membersWith(tokenOf(disabled.id))).status).toBe(403);

    const createAs = (token: string) =>
      gitBookCall(sandbox, orgPath(sandbox, '/link-invites'), {
        method: 'POST',
        body: JSON.stringify({ role: 'read' }),
        headers: { Authorization: `Bearer ${token}` },
      });
    const refused = await createAs(tokenOf(reader.id));
    expect(await errorOf(refused)).toEqual({
      status: 403,
      body: {
        error: { code: 403, message: `Only admins of organization ${sandbox.gitbook.organizationId} can do this` },
      },
    });
    if (admin) expect((await createAs(tokenOf(admin.id))).status).toBe(201);
    expect((await createAs(tokenOf(sandbox.gitbook.userId))).status).toBe(201);
  });
});

describe('secrets', () => {
  it('no token appears in the request log or in an error', async () => {
    sandbox.control.clearRequests();
    const unknown = 'gb_api_doesNotExistButIsSecret';
    const refused = await gitBookCall(sandbox, orgPath(sandbox, '/members'), {
      headers: { Authorization: `Bearer ${unknown}` },
    });
    const accepted = await gitBookCall(sandbox, orgPath(sandbox, '/members'));
    const texts = [await refused.text(), await accepted.text(), JSON.stringify(sandbox.control.requests())];
    for (const text of texts) {
      expect(text).not.toContain(unknown);
      expect(text).not.toContain(sandbox.gitbook.token);
    }
    expect(sandbox.control.requests().map((entry) => [entry.path, entry.status])).toEqual([
      [`/v1${orgPath(sandbox, '/members')}`, 401],
      [`/v1${orgPath(sandbox, '/members')}`, 200],
    ]);
  });

  it('tokens are new random strings, each its user’s', () => {
    const again = sandbox.control.gitbook.issueToken();
    expect(again).toMatch(/^gb_api_[A-Za-z0-9]{40}$/);
    expect(again).not.toBe(sandbox.gitbook.token);
    expect(() => sandbox.control.gitbook.issueToken('noSuchUser')).toThrow(/User noSuchUser does not exist/);
  });
});
