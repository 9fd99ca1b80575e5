import * as Schemas from '@rollcall/transactionlink-fetch/schemas';
import { Either } from 'effect';
import { describe, expect, it } from 'vitest';
import { formatIssues, makeOpenApiSchemas, validate } from '../src/openapi-schema.js';

const components = Object.fromEntries(
  Object.entries(Schemas).map(([name, schema]) => [name.replace(/Schema$/, ''), schema]),
);
const schemas = makeOpenApiSchemas(components);

const user = {
  id: '3f6c3a52-8a4e-4c59-9a53-2f1f9d1c0a11',
  email: 'ada@example.com',
  idpId: null,
  roleId: '9b1b3c1e-0d5e-4a8f-b1f0-6f7f3f3c9e21',
  profile: { firstName: 'Ada', lastName: null, title: null },
  status: 'ACTIVE',
  createdDateTime: '2024-03-01T10:00:00Z',
  lastLoginDateTime: null,
};

describe('OpenAPI schemas as Effect Schemas', () => {
  it('accepts a valid user page and keeps properties the spec does not declare', () => {
    const page = { content: [{ ...user, newVendorField: 1 }], totalElements: 1, totalPages: 1, size: 20, number: 0 };
    const result = validate(schemas.named('UserPageResponse'), page);
    expect(result).toEqual(Either.right(page));
  });

  it('tolerates an absent reconstructed property and rejects an absent documented one', () => {
    const { status: _status, lastLoginDateTime: _last, ...documentedOnly } = user;
    expect(Either.isRight(validate(schemas.named('UserResponse'), documentedOnly))).toBe(true);

    const { email: _email, ...withoutEmail } = user;
    const result = validate(schemas.named('UserResponse'), withoutEmail);
    expect(Either.isLeft(result) && formatIssues(result.left)).toBe('email: is missing');
  });

  it('names every offending field: formats, enums, nullability, nested paths', () => {
    const page = {
      content: [
        { ...user, id: 'not-a-uuid', status: 'SUSPENDED', profile: { firstName: 3 }, createdDateTime: 'yesterday' },
      ],
      totalElements: 1.5,
    };
    const result = validate(schemas.named('UserPageResponse'), page);
    if (Either.isRight(result)) throw new Error('expected issues');
    const paths = result.left.map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'content.0.id',
        'content.0.status',
        'content.0.profile.firstName',
        'content.0.createdDateTime',
        'totalElements',
      ]),
    );
    expect(formatIssues(result.left)).toContain('content.0.id: must be a UUID');
  });

  it('builds inline schemas with references, arrays and nullable enums', () => {
    const list = schemas.of({ type: 'array', items: { $ref: '#/components/schemas/RoleRefResponse' } });
    const role = {
      id: user.id,
      name: 'Admin',
      workspaceId: user.roleId,
      createdDateTime: '2024-01-01T00:00:00.000Z',
      type: 'WORKSPACE',
    };
    expect(Either.isRight(validate(list, [role]))).toBe(true);
    expect(Either.isLeft(validate(list, [{ ...role, workspaceId: undefined }]))).toBe(true);

    const role31 = schemas.of({ type: ['string', 'null'], enum: ['admin', 'read', null] });
    expect(Either.isRight(validate(role31, null))).toBe(true);
    expect(Either.isLeft(validate(role31, 'owner'))).toBe(true);
  });

  it('handles recursive references and allOf, oneOf', () => {
    const tree = makeOpenApiSchemas({
      Node: {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string' },
          children: { type: 'array', items: { $ref: '#/components/schemas/Node' } },
        },
      },
      Named: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
      Link: {
        allOf: [
          { $ref: '#/components/schemas/Named' },
          { type: 'object', required: ['url'], properties: { url: { type: 'string' } } },
        ],
      },
      Either: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
    });
    expect(Either.isRight(validate(tree.named('Node'), { name: 'a', children: [{ name: 'b', children: [] }] }))).toBe(
      true,
    );
    expect(Either.isLeft(validate(tree.named('Node'), { name: 'a', children: [{}] }))).toBe(true);
    expect(Either.isRight(validate(tree.named('Link'), { name: 'x', url: 'u' }))).toBe(true);
    expect(Either.isLeft(validate(tree.named('Link'), { url: 'u' }))).toBe(true);
    expect(Either.isRight(validate(tree.named('Either'), 3))).toBe(true);
    expect(Either.isLeft(validate(tree.named('Either'), 3.5))).toBe(true);
  });
});

describe('issues', () => {
  it('come one per field, a failed union as its alternatives', () => {
    const result = validate(schemas.named('UserResponse'), { ...user, status: 'GONE', idpId: 5 });
    expect(Either.isLeft(result) && result.left).toEqual([
      { path: 'idpId', message: 'Expected string | null, actual 5' },
      { path: 'status', message: 'Expected "ACTIVE" | "TERMINATED", actual "GONE"' },
    ]);
  });
});
