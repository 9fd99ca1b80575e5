import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOperations } from '../src/core/openapi/operations.js';
import { type Sandbox, startSandbox } from '../src/index.js';
import { call, sdkFor } from './support/sandbox-client.js';
import { issuesAgainst, spec } from './support/spec-schemas.js';

let sandbox: Sandbox;
let memberRoleId: string;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'validation', users: 30 });
  memberRoleId = (await sdkFor(sandbox).listOrganizationRoles({})).data!.find((r) => r.name === 'member')!.id;
});
afterAll(() => sandbox.close());

/** The messages of a 400 answer, after checking it is a valid ErrorResponse. */
async function badRequest(response: Response): Promise<string[]> {
  expect(response.status).toBe(400);
  const body = await response.json();
  expect(issuesAgainst('ErrorResponse', body)).toBe('');
  return body.errors.map((e: { message: string }) => e.message);
}

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  call(sandbox, path, { method: 'POST', body, headers });

describe('request validation against the spec', () => {
  const withPathIds = readOperations(spec).filter((o) => o.parameters.some((p) => p.in === 'path'));

  it.each(withPathIds.map((o) => [o.id, o] as const))(
    '%s: a path id that is not a UUID is 400',
    async (_, operation) => {
      const name = operation.parameters.find((p) => p.in === 'path')!.name;
      const response = await call(sandbox, operation.path.replace(/\{[^}]+\}/g, 'not-a-uuid'), {
        method: operation.method,
      });
      expect(await badRequest(response)).toContain(`${name}: must be a UUID`);
    },
  );

  it('an unknown enum value is 400 naming the value, in either encoding', async () => {
    const comma = await badRequest(await call(sandbox, '/organizations/enrollments?status=PENDING,BOGUS'));
    expect(comma).toEqual([expect.stringMatching(/^status\.1: .*"BOGUS"/)]);
    const repeated = await badRequest(await call(sandbox, '/organizations/enrollments?status=PENDING&status=pending'));
    expect(repeated).toEqual([expect.stringMatching(/^status\.1: .*"pending"/)]);
  });

  it.each([
    ['page=abc', 'page: must be an integer'],
    ['page=1.5', 'page: must be an integer'],
    ['size=ten', 'size: must be an integer'],
    ['size=2e3', 'size: must be an integer'],
    ['page=-1', 'page: must be 0 or more'],
    ['size=0', 'size: must be 1 or more'],
    ['size=-5', 'size: must be 1 or more'],
  ])('users?%s is 400: %s', async (query, message) => {
    expect(await badRequest(await call(sandbox, `/organizations/users?${query}`))).toEqual([message]);
    expect(await badRequest(await call(sandbox, `/organizations/enrollments?${query}`))).toEqual([message]);
  });

  it('names every offending parameter at once', async () => {
    const messages = await badRequest(await call(sandbox, '/organizations/users?page=x&size=y'));
    expect(messages).toEqual(['page: must be an integer', 'size: must be an integer']);
  });

  it('a body that is not JSON is 400', async () => {
    const messages = await badRequest(await post('/organizations/enrollments', '{"email": "a@example.com",'));
    expect(messages).toEqual(['request body is not valid JSON']);
  });

  it('a missing body where one is required is 400', async () => {
    const response = await call(sandbox, '/organizations/enrollments', { method: 'POST' });
    expect(await badRequest(response)).toEqual(['request body is missing']);
  });

  it('a body sent as something other than JSON is 400', async () => {
    const response = await post('/organizations/enrollments', 'email=a@example.com', {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect((await badRequest(response))[0]).toMatch(/Content-Type must be application\/json/);
  });

  it('missing required fields, wrong types, bad formats and nested problems are named field by field', async () => {
    expect(
      await badRequest(await post('/organizations/enrollments', JSON.stringify({ roleId: memberRoleId }))),
    ).toEqual(['email: is missing']);
    const messages = await badRequest(
      await post(
        '/organizations/enrollments',
        JSON.stringify({
          email: 42,
          roleId: 'member',
          firstName: ['x'],
          workspaceAssignments: [{ workspaceId: 'nope' }],
        }),
      ),
    );
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^email: /),
        'roleId: must be a UUID',
        expect.stringMatching(/^firstName: /),
        'workspaceAssignments.0.workspaceId: must be a UUID',
        'workspaceAssignments.0.roleId: is missing',
      ]),
    );
    expect(messages).toHaveLength(5);
  });

  it('a body of the wrong shape altogether is 400', async () => {
    const [user] = (await sdkFor(sandbox).listUsers({})).data!.content!;
    const array = await call(sandbox, `/organizations/users/${user!.id}/role`, { method: 'PUT', body: '[]' });
    expect((await badRequest(array))[0]).toMatch(/Expected/);
    const profile = await call(sandbox, `/organizations/users/${user!.id}/profile`, {
      method: 'PUT',
      body: JSON.stringify({ title: 7 }),
    });
    expect((await badRequest(profile))[0]).toMatch(/^title: /);
  });

  it('an email that is not an email address is 400', async () => {
    const response = await post(
      '/organizations/enrollments',
      JSON.stringify({ email: 'nobody', roleId: memberRoleId }),
    );
    expect(await badRequest(response)).toEqual(['email: must be an email address']);
  });

  it('authentication comes before validation', async () => {
    const response = await fetch(`${sandbox.url}/organizations/users/not-a-uuid`);
    expect(response.status).toBe(401);
  });

  it('an unknown route is 404 and a known route with the wrong method 405, both as ErrorResponse', async () => {
    for (const path of ['/organizations/teams', '/organizations/users/', '/', '/organizations/users/x/y/z']) {
      const response = await call(sandbox, path);
      expect(response.status).toBe(404);
      expect(issuesAgainst('ErrorResponse', await response.json())).toBe('');
    }
    const response = await call(sandbox, '/organizations/users', { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    expect(issuesAgainst('ErrorResponse', await response.json())).toBe('');
  });
});
