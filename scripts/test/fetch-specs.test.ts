import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../lib/apis.js';
import { runScript, scratchRoot, seedPage, servePages, snapshotTree } from './support.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});
const serve = async (pages: Record<string, string>) => {
  const served = await servePages(pages);
  closers.push(served.close);
  return served.url;
};

/** A vendor page in the seed's format holding the given fragments, one `##` section each. */
const page = (title: string, fragments: Array<[heading: string, json: string]>) =>
  [`# ${title}`, '', ...fragments.flatMap(([heading, json]) => [`## ${heading}`, '', '```json', json, '```', ''])].join(
    '\n',
  );

describe('fetch-specs', () => {
  it('extracts the committed Enrollments spec from the vendor page, byte for byte', async () => {
    const root = await scratchRoot();
    const url = await serve({ 'enrollments.md': await seedPage() });
    const before = await snapshotTree(join(root, 'openapi'));

    const result = await runScript('fetch-specs', ['--base-url', url, '--root', root]);

    expect(result.stderr).toContain('enrollments: 4 operations from the vendor page');
    expect(result.stderr).toContain('users: not published by the vendor; keeping our reconstruction');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('openapi/ is up to date');
    expect(await snapshotTree(join(root, 'openapi'))).toEqual(before);
  });

  it('lets a field the vendor now publishes replace our reconstruction, and keeps the rest', async () => {
    const root = await scratchRoot();
    const bundle = JSON.parse(await readFile(join(ROOT, 'openapi/transactionlink.json'), 'utf8'));
    const listUsers = bundle.paths['/organizations/users'].get;
    const userResponse = structuredClone(bundle.components.schemas.UserResponse);
    // The vendor documents `status` (with a new value) but still not `lastLoginDateTime`.
    userResponse.properties.status = { type: 'string', enum: ['ACTIVE', 'TERMINATED', 'SUSPENDED'] };
    delete userResponse.properties.lastLoginDateTime;
    const fragment = {
      openapi: '3.0.1',
      info: bundle.info,
      servers: bundle.servers,
      security: bundle.security,
      components: {
        securitySchemes: bundle.components.securitySchemes,
        schemas: {
          UserPageResponse: bundle.components.schemas.UserPageResponse,
          UserResponse: userResponse,
          ErrorResponse: bundle.components.schemas.ErrorResponse,
        },
      },
      paths: {
        '/organizations/users': {
          get: { ...listUsers, 'x-reconstructed': undefined, responses: { '200': listUsers.responses['200'] } },
        },
      },
    };
    const url = await serve({
      'enrollments.md': await seedPage(),
      'users.md': page('Users', [['List users in the organization', JSON.stringify(fragment)]]),
    });

    const result = await runScript('fetch-specs', ['--base-url', url, '--root', root]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('users: 1 operation from the vendor page');
    expect(result.stdout).toMatch(/BREAKING UserResponse\.status: enum value SUSPENDED added/);

    const users = JSON.parse(await readFile(join(root, 'openapi/transactionlink/users.json'), 'utf8'));
    const written = users.components.schemas.UserResponse.properties;
    expect(written.status).toEqual({ type: 'string', enum: ['ACTIVE', 'TERMINATED', 'SUSPENDED'] });
    expect(written.lastLoginDateTime['x-reconstructed']).toBe(true);
    const operation = users.paths['/organizations/users'].get;
    expect(operation['x-reconstructed']).toBeUndefined();
    // Our error responses survive where the vendor is silent, marked as ours.
    expect(operation.responses['429']['x-reconstructed']).toBe(true);
    expect(operation.responses['403']['x-reconstructed']).toBe(true);
    // Operations the vendor does not publish yet keep our reconstruction.
    expect(users.paths['/organizations/users/{userId}'].get['x-reconstructed']).toBe(true);
    const bundleAfter = JSON.parse(await readFile(join(root, 'openapi/transactionlink.json'), 'utf8'));
    expect(bundleAfter.components.schemas.UserResponse.properties.status.enum).toContain('SUSPENDED');
  });

  it.each([
    [
      'a page without any JSON block',
      '# Enrollments\n\nNothing to see.\n',
      /section enrollments: the page has no ```json OpenAPI block/,
    ],
    [
      'broken JSON',
      '# Enrollments\n\n## Cancel invitation\n\n```json\n{"openapi": "3.0.1", "paths": {\n```\n',
      /section enrollments, operation Cancel invitation: broken JSON in the block starting on line 6/,
    ],
  ])('fails on %s, naming the section, and changes nothing', async (_, body, message) => {
    const root = await scratchRoot();
    const url = await serve({ 'enrollments.md': body });
    const before = await snapshotTree(join(root, 'openapi'));

    const result = await runScript('fetch-specs', ['--base-url', url, '--root', root]);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(await snapshotTree(join(root, 'openapi'))).toEqual(before);
  });

  it('fails on two operations defining one schema differently, naming both, and changes nothing', async () => {
    const root = await scratchRoot();
    const seed = await seedPage();
    // The resend operation's copy of EnrollmentResponse loses a status value.
    const marker = '## Resend invitation';
    const at = seed.indexOf(marker);
    const conflicting =
      seed.slice(0, at) +
      seed
        .slice(at)
        .replace('"enum":["PENDING","ACCEPTED","EXPIRED","CANCELLED"]', '"enum":["PENDING","ACCEPTED","EXPIRED"]');
    const url = await serve({ 'enrollments.md': conflicting });
    const before = await snapshotTree(join(root, 'openapi'));

    const result = await runScript('fetch-specs', ['--base-url', url, '--root', root]);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /section enrollments, operation resend-invitation: schema EnrollmentResponse conflicts with the definition from operation list-enrollments: at \/properties\/status\/enum/,
    );
    expect(await snapshotTree(join(root, 'openapi'))).toEqual(before);
  });

  it('fails when the docs server cannot be reached, naming the section', async () => {
    const root = await scratchRoot();
    const result = await runScript('fetch-specs', ['--base-url', 'http://127.0.0.1:9/nowhere', '--root', root]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /section enrollments: cannot fetch http:\/\/127\.0\.0\.1:9\/nowhere\/enrollments\.md/,
    );
  });

  it('rejects an unknown flag as a usage error', async () => {
    const result = await runScript('fetch-specs', ['--bogus']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Unknown option '--bogus'");
  });
});
