import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Either } from 'effect';
import { describe, expect, it } from 'vitest';
import { INLINE_RESPONSE_SCHEMAS, responseSchemas } from '../src/gitbook/schemas.js';
import { formatIssues, type JsonSchema, makeOpenApiSchemas, validate } from '../src/openapi-schema.js';

const spec = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@rollcall/gitbook-fetch/openapi.json'), 'utf8'),
) as { paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>> };

/** The 2xx JSON schema of `operationId` in the spec, descriptions left out. */
const specResponse = (operationId: string): unknown => {
  for (const operations of Object.values(spec.paths)) {
    for (const operation of Object.values(operations)) {
      if (operation.operationId !== operationId) continue;
      const [, response] = Object.entries(operation.responses).find(([code]) => code.startsWith('2'))!;
      const schema = (response as { content: { 'application/json': { schema: unknown } } }).content['application/json']
        .schema;
      return JSON.parse(JSON.stringify(schema, (key, value) => (key === 'description' ? undefined : value)));
    }
  }
  throw new Error(`${operationId} is not in the spec`);
};

const schemas = responseSchemas();
const ok = (schema: Parameters<typeof validate>[0], value: unknown) =>
  expect(validate(schema, value)).toEqual(Either.right(value));
const issues = (schema: Parameters<typeof validate>[0], value: unknown) => {
  const result = validate(schema, value);
  if (Either.isRight(result)) throw new Error('expected issues');
  return result.left;
};

const member = {
  object: 'member',
  id: 'u_1',
  role: null,
  user: {
    object: 'user',
    id: 'u_1',
    displayName: '=cmd|" /C calc"!A0, 李雷 🎉',
    urls: { location: 'https://api.gitbook.com/v1/users/u_1' },
  },
  disabled: false,
  joinedAt: '2025-11-02T08:15:00.000Z',
  sso: true,
  spaces: 0,
  teams: 1,
  sites: 0,
};

const space = {
  object: 'space',
  id: 'sp_1',
  title: '🎉'.repeat(50),
  emoji: '1f389',
  organization: 'acme',
  visibility: 'private',
  revision: 'r1',
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-02T00:00:00.000Z',
  comments: 0,
  changeRequests: 0,
  changeRequestsOpen: 0,
  changeRequestsDraft: 0,
  mergeRules: { type: 'inherit' },
  urls: { location: 'https://api.gitbook.com/v1/spaces/sp_1', app: 'https://app.gitbook.com/s/sp_1' },
  defaultLevel: 'inherit',
  permissions: {
    view: true,
    access: true,
    admin: false,
    viewInviteLinks: true,
    edit: false,
    triggerGitSync: false,
    comment: true,
    merge: false,
    review: false,
    installIntegration: false,
  },
};

const collection = {
  object: 'collection',
  id: 'co_1',
  title: 'Handbook',
  organization: 'acme',
  defaultLevel: null,
  urls: { location: 'https://api.gitbook.com/v1/collections/co_1', app: 'https://app.gitbook.com/c/co_1' },
  permissions: { view: true, admin: false, viewInviteLinks: true, create: false },
};

describe("the operations' inline response schemas", () => {
  it('are the spec’s, but for invite-link list items, which hold all three kinds of link', () => {
    for (const operation of [
      'listMembersInOrganizationById',
      'inviteUsersToOrganization',
      'joinOrganizationWithInvite',
    ] as const) {
      expect(INLINE_RESPONSE_SCHEMAS[operation], operation).toEqual(specResponse(operation));
    }
    const specList = JSON.stringify(specResponse('listOrganizationInviteLinks'));
    expect(specList).toContain('"#/components/schemas/InviteLinkToOrganization"');
    expect(JSON.stringify(INLINE_RESPONSE_SCHEMAS.listOrganizationInviteLinks)).toBe(
      specList.replace('InviteLinkToOrganization', 'OrganizationInviteLink'),
    );
  });
});

describe('GitBook bodies decode as the spec says (OpenAPI 3.1)', () => {
  it('a member page: a guest (role null), lastSeenAt absent, awkward names, next cursor', () => {
    ok(schemas.MemberPage, {
      items: [member, { ...member, id: 'u_2', role: 'admin', lastSeenAt: '2026-01-01T00:00:00Z' }],
      next: { page: 'c2' },
      count: 2,
    });
    ok(schemas.MemberPage, { items: [] });
  });

  it('names what is wrong in a member: a role outside the enum, a missing user, a bad date', () => {
    const found = issues(schemas.MemberPage, {
      items: [{ ...member, role: 'owner', joinedAt: 'yesterday', user: undefined }],
      next: {},
    });
    expect(found.map(({ path }) => path).sort()).toEqual([
      'items.0.joinedAt',
      'items.0.role',
      'items.0.user',
      'next.page',
    ]);
    const role = found.find(({ path }) => path === 'items.0.role')!;
    expect(role.message).toBe(
      'Expected "admin" | "create" | "edit" | "review" | "comment" | "read" | null, actual "owner"',
    );
  });

  it('invite links of all three kinds, through oneOf, with unknown fields kept', () => {
    const organizationLink = { object: 'invite', id: 'i1', role: 'read', redundant: false, vendorNew: 1 };
    const spaceLink = { object: 'invite', id: 'i2', level: null, redundant: true, space };
    const collectionLink = { object: 'invite', id: 'i3', level: 'edit', redundant: false, collection };
    ok(schemas.InviteLinkPage, { items: [organizationLink, spaceLink, collectionLink] });
    for (const link of [organizationLink, spaceLink, collectionLink]) ok(schemas.InviteLink, link);
    expect(Either.isLeft(validate(schemas.InviteLink, { ...spaceLink, space: { ...space, permissions: {} } }))).toBe(
      true,
    );
    expect(Either.isLeft(validate(schemas.InviteLink, { object: 'invite', id: 'i4', redundant: false }))).toBe(true);
  });

  it('counts string lengths in characters, as JSON Schema does: 50 emoji fit a 50-character title', () => {
    ok(schemas.InviteLink, { object: 'invite', id: 'i2', level: 'read', redundant: false, space });
    const tooLong = {
      object: 'invite',
      id: 'i2',
      level: 'read',
      redundant: false,
      space: { ...space, title: '🎉'.repeat(51) },
    };
    expect(formatIssues(issues(schemas.InviteLink, tooLong))).toContain(
      'space.title: must be at most 50 characters long',
    );
  });

  it('the invite result: failedSSOEmails optional, users and invited required', () => {
    ok(schemas.InviteUsersResult, { users: ['u_9'], invited: 1 });
    ok(schemas.InviteUsersResult, { users: [], invited: 0, failedSSOEmails: ['a@other-org.example'] });
    expect(formatIssues(issues(schemas.InviteUsersResult, { users: [] }))).toBe('invited: is missing');
  });
});

describe('OpenAPI 3.1 keywords', () => {
  const of = (schema: JsonSchema) => makeOpenApiSchemas({}).of(schema);

  it('type arrays with null, const, and {type: null} as a oneOf member', () => {
    const nullableString = of({ type: ['string', 'null'], maxLength: 3 });
    ok(nullableString, null);
    ok(nullableString, 'abc');
    expect(Either.isLeft(validate(nullableString, 3))).toBe(true);
    const constant = of({ const: 'member' });
    ok(constant, 'member');
    expect(Either.isLeft(validate(constant, 'user'))).toBe(true);
    const roleOrNull = of({ oneOf: [{ type: 'string', enum: ['read'] }, { type: 'null' }] });
    ok(roleOrNull, null);
    expect(formatIssues(issues(roleOrNull, 'x'))).toBe('Expected "read" | null, actual "x"');
    const numberOrInteger = of({ type: ['integer', 'boolean'] });
    ok(numberOrInteger, true);
    expect(Either.isLeft(validate(numberOrInteger, 1.5))).toBe(true);
  });

  it('$ref with sibling keywords, as 3.1 allows', () => {
    const components = { Id: { type: 'string', pattern: '^[a-z]+$' } };
    const schema = makeOpenApiSchemas(components).of({ $ref: '#/components/schemas/Id', description: 'an id' });
    ok(schema, 'abc');
    expect(Either.isLeft(validate(schema, 'A-1'))).toBe(true);
  });
});
