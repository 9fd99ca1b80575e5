import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitbook, ROOT } from '../lib/apis.js';
import { type OpenApiDoc, operationsOf, schemasOf } from '../lib/openapi.js';
import { runScript, scratchRoot } from './support.js';

const committed = async (): Promise<OpenApiDoc> => JSON.parse(await readFile(join(ROOT, gitbook.bundle), 'utf8'));

describe('the GitBook spec subset', () => {
  it('holds exactly the operations of the reference table, with everything they reference', async () => {
    const spec = await committed();
    const operations = operationsOf(spec).map(
      ({ method, path, operation }) => `${method.toUpperCase()} ${path} ${operation.operationId}`,
    );
    expect(operations.sort()).toEqual(
      [
        'DELETE /orgs/{organizationId}/link-invites/{inviteId} deleteOrganizationInviteById',
        'GET /orgs/{organizationId}/link-invites listOrganizationInviteLinks',
        'GET /orgs/{organizationId}/link-invites/{inviteId} getOrganizationInviteLink',
        'GET /orgs/{organizationId}/members listMembersInOrganizationById',
        'PATCH /orgs/{organizationId}/link-invites/{inviteId} updateOrganizationInviteById',
        'POST /orgs/{organizationId}/invites inviteUsersToOrganization',
        'POST /orgs/{organizationId}/invites/{inviteId} joinOrganizationWithInvite',
        'POST /orgs/{organizationId}/link-invites createOrganizationInvite',
      ].sort(),
    );
    const schemas = schemasOf(spec);
    for (const name of ['MemberRole', 'MemberRoleOrGuest', 'OrganizationInviteLink', 'OrganizationMember', 'List']) {
      expect(schemas).toHaveProperty(name);
    }
    const text = JSON.stringify(spec);
    for (const [, name] of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g))
      expect(schemas).toHaveProperty(name as string);
  });

  it('records which package version it was taken from', async () => {
    const { version } = JSON.parse(await readFile(join(ROOT, 'node_modules/@gitbook/api/package.json'), 'utf8'));
    expect((await committed()).info['x-upstream']).toBe(`@gitbook/api@${version} spec/openapi.json`);
  });

  it('is what fetch-specs takes from the installed package, byte for byte', async () => {
    const root = await scratchRoot();
    const result = await runScript('fetch-specs', ['--api', 'gitbook', '--root', root]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('gitbook: No changes.');
    expect(result.stdout).toContain('openapi/ is up to date.');
  });
});
