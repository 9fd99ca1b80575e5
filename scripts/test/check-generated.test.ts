import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript, scratchRoot } from './support.js';

describe('check-generated', () => {
  it('passes on the committed specs and generated client', async () => {
    const result = await runScript('check-generated', ['--root', await scratchRoot(true)]);
    expect(result.stdout).toContain('match the specs');
    expect(result.code).toBe(0);
  });

  it('fails with a diff naming the schema when a description in users.json changes', async () => {
    const root = await scratchRoot(true);
    const users = join(root, 'openapi/transactionlink/users.json');
    const text = await readFile(users, 'utf8');
    await writeFile(users, text.replace('"Email address of the user"', '"Work email address of the user"'));

    const result = await runScript('check-generated', ['--root', root]);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('DRIFT: openapi/transactionlink.json differs');
    expect(result.stdout).toContain('~ UserResponse.email: description changed');
    expect(result.stdout).toContain('DRIFT: generated/transactionlink differs');
    expect(result.stdout).toMatch(
      /@@ export type UserResponse = \{\n(.*\n)*-\s+\* Email address of the user\n\+\s+\* Work email address of the user/,
    );
    expect(result.stdout).toContain('@@ export const UserResponseSchema = {');
  });

  it('fails when generated code was edited by hand', async () => {
    const root = await scratchRoot(true);
    const sdk = join(root, 'generated/transactionlink/src/sdk.gen.ts');
    await writeFile(sdk, `${await readFile(sdk, 'utf8')}\nexport const patched = true;\n`);

    const result = await runScript('check-generated', ['--root', root]);

    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('openapi/transactionlink.json differs');
    expect(result.stdout).toMatch(
      /--- generated\/transactionlink\/src\/sdk\.gen\.ts\n(.*\n)*-export const patched = true;/,
    );
  });
});
