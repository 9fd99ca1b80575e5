import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../lib/apis.js';
import { runScript, scratchRoot } from './support.js';

describe('check-generated', () => {
  it('passes on the committed specs and generated client', async () => {
    const result = await runScript('check-generated', ['--root', await scratchRoot(true)]);
    expect(result.stdout).toContain('generated/transactionlink match openapi/transactionlink/*.json');
    expect(result.stdout).toContain('generated/gitbook match the installed @gitbook/api');
    expect(result.code).toBe(0);
  });

  it('fails with a diff naming the schema when a description in users.json changes', async () => {
    const root = await scratchRoot(true);
    const users = join(root, 'openapi/transactionlink/users.json');
    const text = await readFile(users, 'utf8');
    await writeFile(users, text.replace('"Email address of the user"', '"Work email address of the user"'));

    const result = await runScript('check-generated', ['--root', root]);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'DRIFT: openapi/transactionlink.json does not match openapi/transactionlink/*.json',
    );
    expect(result.stdout).toContain('~ UserResponse.email: description changed');
    expect(result.stdout).toContain('DRIFT: generated/transactionlink differs');
    expect(result.stdout).toMatch(
      /@@ export type UserResponse = \{\n(.*\n)*-\s+\* Email address of the user\n\+\s+\* Work email address of the user/,
    );
    expect(result.stdout).toContain('@@ export const UserResponseSchema = {');
  });

  it('shows a new version of the GitBook spec as readable drift', async () => {
    const root = await scratchRoot(true);
    const upstream = JSON.parse(await readFile(join(ROOT, 'node_modules/@gitbook/api/spec/openapi.json'), 'utf8'));
    const link = upstream.components.schemas.OrganizationInviteLink;
    link.properties = { ...link.properties, expiresAt: { type: 'string', format: 'date-time' } };
    delete upstream.paths['/orgs/{organizationId}/invites/{inviteId}'];
    const changed = join(root, 'gitbook-next.json');
    await writeFile(changed, JSON.stringify(upstream));

    const result = await runScript('check-generated', ['--root', root, '--gitbook-spec', changed]);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`DRIFT: openapi/gitbook.json does not match the spec at ${changed}`);
    expect(result.stdout).toMatch(
      /- BREAKING POST \/orgs\/\{organizationId\}\/invites\/\{inviteId\} \(joinOrganizationWithInvite\): operation removed/,
    );
    expect(result.stdout).toContain('~ OrganizationInviteLink.expiresAt: property added');
    expect(result.stdout).toContain('DRIFT: generated/gitbook differs from what the specs generate.');
    expect(result.stdout).not.toContain('DRIFT: openapi/transactionlink.json');
  });

  it('fails when generated code was edited by hand', async () => {
    const root = await scratchRoot(true);
    const sdk = join(root, 'generated/transactionlink/src/sdk.gen.ts');
    await writeFile(sdk, `${await readFile(sdk, 'utf8')}\nexport const patched = true;\n`);

    const result = await runScript('check-generated', ['--root', root]);

    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('DRIFT: openapi/transactionlink.json');
    expect(result.stdout).toMatch(
      /--- generated\/transactionlink\/src\/sdk\.gen\.ts\n(.*\n)*-export const patched = true;/,
    );
  });
});
