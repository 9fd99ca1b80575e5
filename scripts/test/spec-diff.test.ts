import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../lib/apis.js';
import type { Json, JsonObject, OpenApiDoc } from '../lib/openapi.js';
import { diffSpecs, formatChanges } from '../lib/spec-diff.js';
import { runScript } from './support.js';

const load = async (): Promise<OpenApiDoc> =>
  JSON.parse(await readFile(join(ROOT, 'openapi/transactionlink.json'), 'utf8'));
/** The object at `path` inside a spec being edited by a test. */
const at = (doc: Json, ...path: string[]): JsonObject =>
  path.reduce<Json>((node, key) => (node as JsonObject)[key] as Json, doc) as JsonObject;

const lines = (before: OpenApiDoc, after: OpenApiDoc) =>
  diffSpecs(before, after).map((c) => `${c.sign} ${c.breaking ? 'BREAKING ' : ''}${c.subject}: ${c.detail}`);

describe('spec-diff', () => {
  it('reports nothing for identical specs', async () => {
    const spec = await load();
    expect(diffSpecs(spec, structuredClone(spec))).toEqual([]);
    expect(formatChanges([])).toBe('No changes.\n');
  });

  it('flags removed operations and new required parameters as breaking, added ones not', async () => {
    const before = await load();
    const after = structuredClone(before);
    delete after.paths['/organizations/users/{userId}/reset-mfa'];
    (at(after, 'paths', '/organizations/users', 'get').parameters as Json[]).push({
      name: 'q',
      in: 'query',
      required: true,
      schema: { type: 'string' },
    });
    after.paths['/organizations/audit'] = {
      get: { operationId: 'list-audit', responses: { '200': { description: 'ok' } } },
    };

    expect(lines(before, after)).toEqual([
      '+ GET /organizations/audit (list-audit): operation added',
      '~ BREAKING GET /organizations/users (list-users): query parameter q added (required)',
      '- BREAKING POST /organizations/users/{userId}/reset-mfa (reset-user-mfa): operation removed',
    ]);
  });

  it('judges schema changes by where the schema is used', async () => {
    const before = await load();
    const after = structuredClone(before);
    const user = at(after, 'components', 'schemas', 'UserResponse', 'properties');
    const enroll = at(after, 'components', 'schemas', 'EnrollUserRequest');
    (at(user, 'status').enum as Json[]).push('SUSPENDED'); // response: a client may not know it
    (enroll.required as Json[]).push('firstName'); // request: old callers omit it
    at(enroll, 'properties').locale = { type: 'string' }; // optional request field: harmless
    delete user.idpId; // response field gone
    at(user, 'email').description = 'Work email';

    expect(lines(before, after)).toEqual([
      '~ BREAKING EnrollUserRequest.firstName: now required',
      '~ EnrollUserRequest.locale: property added',
      '~ UserResponse.email: description changed',
      '~ BREAKING UserResponse.idpId: property removed',
      '~ BREAKING UserResponse.status: enum value SUSPENDED added',
    ]);
  });

  it('notes a reconstruction the vendor now publishes', async () => {
    const before = await load();
    const after = structuredClone(before);
    delete at(after, 'components', 'schemas', 'UserProfileResponse')['x-reconstructed'];
    expect(lines(before, after)).toEqual([
      '~ UserProfileResponse: definition now published by the vendor (was our reconstruction)',
    ]);
  });

  it('runs as a command on two files, and names a missing argument', async () => {
    const same = await runScript('spec-diff', ['openapi/transactionlink.json', 'openapi/transactionlink.json']);
    expect(same).toMatchObject({ code: 0, stdout: 'No changes.\n' });
    const missing = await runScript('spec-diff', ['openapi/transactionlink.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('expected OLD and NEW');
  });
});
