/** GitBook requests checked against the spec (ids, limits, enums, bodies, oneOf), every problem a 400 in GitBook's format. */
import { type JsonSchema, validate } from '@rollcall/client/openapi-schema';
import { Either } from 'effect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from '../src/core/openapi/document.js';
import { type Sandbox, startSandbox } from '../src/index.js';
import { gitBookCall, gitBookSchemaFor, gitBookSpec, orgPath } from './support/gitbook-client.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'gitbook-validation', gitbook: { members: 8, inviteLinks: 4 } });
});
afterAll(() => sandbox.close());

/** Status and error message of a request. */
async function answer(path: string, init: RequestInit = {}): Promise<{ status: number; message?: string }> {
  const response = await gitBookCall(sandbox, path, init);
  const body = await response.json();
  return { status: response.status, ...(body.error ? { message: body.error.message } : {}) };
}
const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  answer(path, { method: 'POST', body, headers });

describe('path ids', () => {
  it('must match ^[a-zA-Z0-9_-]+$', async () => {
    expect(await answer('/orgs/bad.id/members')).toEqual({
      status: 400,
      message: 'organizationId: Expected a string matching the pattern ^[a-zA-Z0-9_-]+$, actual "bad.id"',
    });
    expect((await answer(orgPath(sandbox, '/link-invites/%F0%9F%8E%89'))).status).toBe(400);
  });
});

describe('paging parameters', () => {
  it('limit: a whole number from 1 to 1000', async () => {
    const members = (query: string) => answer(orgPath(sandbox, `/members?${query}`));
    expect(await members('limit=1001')).toEqual({
      status: 400,
      message: 'limit: Expected a number less than or equal to 1000, actual 1001',
    });
    expect(await members('limit=0')).toEqual({ status: 400, message: 'limit: must be 1 or more' });
    expect(await members('limit=2.5')).toEqual({ status: 400, message: 'limit: must be a whole number' });
    expect(await members('limit=ten')).toEqual({ status: 400, message: 'limit: must be a number' });
    expect((await members('limit=1000')).status).toBe(200);
    expect((await members('limit=1')).status).toBe(200);
  });

  it('role, sort and order: the spec’s enums', async () => {
    const members = (query: string) => answer(orgPath(sandbox, `/members?${query}`));
    expect((await members('role=owner')).status).toBe(400);
    expect((await members('role=guest')).status).toBe(200);
    expect((await members('sort=size')).status).toBe(400);
    expect((await members('order=up')).status).toBe(400);
    expect((await members('sort=name&order=asc')).status).toBe(200);
  });

  it('reports every problem of a request in one message', async () => {
    const { status, message } = await answer(orgPath(sandbox, '/members?limit=-1&role=owner'));
    expect(status).toBe(400);
    expect(message!.split('; ')).toHaveLength(2);
    expect(message).toMatch(/^limit: .*; role: /);
  });
});

describe('request bodies', () => {
  const invites = () => orgPath(sandbox, '/invites');

  it('a required body that is missing, not JSON, or not sent as JSON', async () => {
    expect(await post(invites(), '')).toEqual({ status: 400, message: 'request body is missing' });
    expect(await post(invites(), '{')).toEqual({ status: 400, message: 'request body is not valid JSON' });
    expect(await post(invites(), '{"emails":[]}', { 'Content-Type': 'text/plain' })).toEqual({
      status: 400,
      message: 'Content-Type must be application/json, not text/plain',
    });
  });

  it('inviteUsers: emails required, each a string or {email, role}, roles from the enum or null', async () => {
    expect(await post(invites(), '{}')).toEqual({ status: 400, message: 'emails: is missing' });
    expect((await post(invites(), '{"emails":[{"email":"a@example.com"}]}')).message).toMatch(/emails\.0/);
    expect((await post(invites(), '{"emails":["a@example.com"],"role":"owner"}')).message).toMatch(
      /^role: Expected "admin"/,
    );
    expect((await post(invites(), '{"emails":["a@example.com"],"sso":"yes"}')).message).toMatch(
      /^sso: Expected boolean/,
    );
    expect((await post(invites(), '{"emails":[{"email":"b@example.com","role":null}],"role":null}')).status).toBe(200);
  });

  it('createOrganizationInvite: one of the three kinds, exactly', async () => {
    const links = orgPath(sandbox, '/link-invites');
    expect((await post(links, '{}')).status).toBe(400);
    expect((await post(links, '{"level":"read"}')).status).toBe(400);
    expect((await post(links, '{"role":"owner"}')).status).toBe(400);
    const space = sandbox.control.gitbook.spaces()[0]!.id;
    const collection = sandbox.control.gitbook.collections()[0]!.id;
    const both = await post(links, JSON.stringify({ level: 'read', space, collection }));
    expect(both).toEqual({
      status: 400,
      message: 'Give exactly one of `role` (an organization invite), `space` or `collection` (with a `level`)',
    });
  });

  it('updateOrganizationInviteById: `role` or `level`, not both', async () => {
    const link = sandbox.control.gitbook.inviteLinks().find((candidate) => 'role' in candidate)!;
    const patch = (body: unknown) =>
      answer(orgPath(sandbox, `/link-invites/${link.id}`), { method: 'PATCH', body: JSON.stringify(body) });
    expect((await patch({})).status).toBe(400);
    expect((await patch({ role: 'owner' })).status).toBe(400);
    expect(await patch({ role: 'read', level: 'read' })).toEqual({
      status: 400,
      message: 'Give either `role` or `level`, not both',
    });
    expect((await patch({ role: 'admin' })).status).toBe(200);
  });

  it('errors are GitBook’s error shape, as the spec declares it for 400', async () => {
    const response = await gitBookCall(sandbox, invites(), { method: 'POST', body: '{}' });
    const body = await response.json();
    expect(body).toEqual({ error: { code: 400, message: 'emails: is missing' } });
    const declared = resolve<{ content: Record<string, { schema: JsonSchema }> }>(gitBookSpec, {
      $ref: '#/components/responses/BadRequestError',
    });
    const result = validate(gitBookSchemaFor(declared.content['application/json']!.schema), body);
    expect(Either.isRight(result)).toBe(true);
  });
});

describe('routes', () => {
  it('an unknown path under /v1: 404; a known path with another method: 405 with Allow', async () => {
    expect(await answer('/orgs')).toEqual({ status: 404, message: 'No route for GET /orgs' });
    const response = await gitBookCall(sandbox, orgPath(sandbox, '/members'), { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    expect((await response.json()).error.code).toBe(405);
  });
});
