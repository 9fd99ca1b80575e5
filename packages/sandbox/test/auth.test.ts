import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOperations } from '../src/core/openapi/operations.js';
import { type Sandbox, type Scope, startSandbox } from '../src/index.js';
import { requiredScopes } from '../src/transactionlink/scopes.js';
import { call, sdkFor } from './support/sandbox-client.js';
import { issuesAgainst, spec } from './support/spec-schemas.js';

const ALL: ReadonlyArray<Scope> = [
  'can_manage_users',
  'can_view_workspace',
  'can_reset_2fa',
  'can_manage_workspace_access',
];
const SOME_ID = '3f6c3a52-8a4e-4c59-9a53-2f1f9d1c0a11';
const operations = readOperations(spec);
/** A concrete URL for an operation; auth is checked before the id is looked at. */
const urlOf = (path: string) => path.replace(/\{[^}]+\}/g, SOME_ID);

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'auth', users: 30 });
});
afterAll(() => sandbox.close());

async function errorOf(response: Response) {
  const body = await response.json();
  expect(issuesAgainst('ErrorResponse', body)).toBe('');
  return body as { fingerprint: string; errors: Array<{ code: string; message: string }> };
}

describe('authentication', () => {
  it('every scoped operation needs a scope stated in its spec description', () => {
    expect(operations.filter((o) => requiredScopes(o).length === 0).map((o) => o.id)).toEqual(['list-workspaces']);
    expect(requiredScopes(operations.find((o) => o.id === 'reset-user-mfa')!)).toEqual(['can_reset_2fa']);
  });

  it.each(operations.map((o) => [o.id, o] as const))(
    '%s: 401 without a token, with Bearer, with an unknown token',
    async (_, operation) => {
      const url = urlOf(operation.path);
      const variants: Array<Record<string, string>> = [
        {},
        { Authorization: '' },
        { Authorization: `Bearer ${sandbox.token}` },
        { Authorization: `tot_${'x'.repeat(52)}` },
        { Authorization: sandbox.token.slice(0, -1) },
      ];
      for (const headers of variants) {
        const response = await fetch(`${sandbox.url}${url}`, { method: operation.method, headers });
        expect(response.status).toBe(401);
        const body = await errorOf(response);
        expect(body.errors[0]!.code).toBe('UNAUTHORIZED');
      }
    },
  );

  it.each(operations.filter((o) => requiredScopes(o).length > 0).map((o) => [o.id, o] as const))(
    '%s: 403 for a token lacking its scope, past auth with it',
    async (_, operation) => {
      const needed = requiredScopes(operation);
      const lacking = sandbox.issueToken(ALL.filter((scope) => !needed.includes(scope)));
      const response = await fetch(`${sandbox.url}${urlOf(operation.path)}`, {
        method: operation.method,
        headers: { Authorization: lacking },
      });
      expect(response.status).toBe(403);
      const body = await errorOf(response);
      expect(body.errors[0]).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining(needed[0]!) });

      const enough = sandbox.issueToken(needed);
      const passed = await fetch(`${sandbox.url}${urlOf(operation.path)}`, {
        method: operation.method,
        headers: { Authorization: enough },
      });
      expect([401, 403]).not.toContain(passed.status);
    },
  );

  it('every error answer carries its own fingerprint', async () => {
    const fingerprints = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const response = await fetch(`${sandbox.url}/organizations/users`);
      fingerprints.add((await errorOf(response)).fingerprint);
    }
    expect(fingerprints.size).toBe(20);
  });

  it('a token with no scopes sees an empty workspace list; one limited to a workspace sees just that one', async () => {
    const all = (await sdkFor(sandbox).listWorkspaces({})).data!;
    expect(all.length).toBe(6);

    const none = await sdkFor(sandbox, sandbox.issueToken([])).listWorkspaces({});
    expect(none.response.status).toBe(200);
    expect(none.data).toEqual([]);

    const [first, second] = all;
    const limited = sdkFor(sandbox, sandbox.issueToken(['can_view_workspace'], { workspaceIds: [first!.id!] }));
    expect((await limited.listWorkspaces({})).data).toEqual([first]);
    expect((await limited.listWorkspaceRoles({ path: { workspaceId: first!.id! } })).response.status).toBe(200);
    expect((await limited.listWorkspaceMemberships({ path: { workspaceId: first!.id! } })).response.status).toBe(200);
    expect((await limited.listWorkspaceRoles({ path: { workspaceId: second!.id! } })).response.status).toBe(403);
    expect((await limited.listWorkspaceMemberships({ path: { workspaceId: second!.id! } })).response.status).toBe(403);
  });

  it('scopes are independent: can_reset_2fa alone resets MFA but cannot list users', async () => {
    const users = (await sdkFor(sandbox).listUsers({})).data!.content!;
    const mfaOnly = sdkFor(sandbox, sandbox.issueToken(['can_reset_2fa']));
    expect((await mfaOnly.resetUserMfa({ path: { userId: users[0]!.id } })).response.status).toBe(204);
    expect((await mfaOnly.listUsers({})).response.status).toBe(403);
  });

  it('issued tokens look like organization tokens; unknown scopes are refused', () => {
    expect(sandbox.token).toMatch(/^tot_[A-Za-z0-9]{52}$/);
    expect(sandbox.issueToken(['can_manage_users'])).toMatch(/^tot_[A-Za-z0-9]{52}$/);
    expect(() => sandbox.issueToken(['can_do_anything' as Scope])).toThrow(/scopes/);
  });

  it('the request log never holds the token', async () => {
    await call(sandbox, '/organizations/users');
    await fetch(`${sandbox.url}/organizations/users`, { headers: { Authorization: `Bearer ${sandbox.token}` } });
    const log = await (await fetch(`${sandbox.url}/_sandbox/requests`)).text();
    expect(log).toContain('/organizations/users');
    expect(log).not.toContain(sandbox.token.slice(4));
    expect(JSON.stringify(sandbox.control.requests())).not.toContain(sandbox.token.slice(4));
  });
});
