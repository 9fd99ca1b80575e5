/** The spec's response schemas as Effect Schemas, built once from the generated JSON Schemas. */
import * as Generated from '@rollcall/gitbook-fetch/schemas';
import type { Schema } from 'effect';
import { type JsonSchema, makeOpenApiSchemas } from '../openapi-schema.js';

const component = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

const listOf = (item: string): JsonSchema => ({
  allOf: [
    component('List'),
    { type: 'object', required: ['items'], properties: { items: { type: 'array', items: component(item) } } },
  ],
});

/**
 * The 2xx schemas the spec writes inline in its operations (component schemas come from the
 * generated `schemas.gen`), as the spec has them without descriptions; a unit test holds them to
 * `openapi.json`. One deliberate difference: the spec types invite-link list items as
 * `InviteLinkToOrganization`, but the list holds all three kinds, so they are `OrganizationInviteLink`.
 */
export const INLINE_RESPONSE_SCHEMAS = {
  listMembersInOrganizationById: listOf('OrganizationMember'),
  listOrganizationInviteLinks: listOf('OrganizationInviteLink'),
  inviteUsersToOrganization: {
    type: 'object',
    properties: {
      users: { type: 'array', items: { type: 'string' } },
      invited: { type: 'number' },
      failedSSOEmails: { type: 'array', items: { type: 'string' } },
    },
    required: ['users', 'invited'],
  },
  joinOrganizationWithInvite: { type: 'object', properties: {} },
} as const satisfies Record<string, JsonSchema>;

const build = () => {
  const schemas = makeOpenApiSchemas(
    Object.fromEntries(Object.entries(Generated).map(([name, schema]) => [name.replace(/Schema$/, ''), schema])),
  );
  const inline = (operation: keyof typeof INLINE_RESPONSE_SCHEMAS) =>
    schemas.of(INLINE_RESPONSE_SCHEMAS[operation]) as Schema.Schema<unknown>;
  return {
    MemberPage: inline('listMembersInOrganizationById'),
    InviteLinkPage: inline('listOrganizationInviteLinks'),
    InviteLink: schemas.named('OrganizationInviteLink'),
    InviteUsersResult: inline('inviteUsersToOrganization'),
    JoinResult: inline('joinOrganizationWithInvite'),
  };
};

/** The response schemas of the GitBook operations. */
export type ResponseSchemas = ReturnType<typeof build>;

let built: ResponseSchemas | undefined;

/** The response schemas, built on first use. */
export const responseSchemas = (): ResponseSchemas => {
  built ??= build();
  return built;
};
