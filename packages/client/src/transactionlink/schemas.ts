/** The spec's response schemas as Effect Schemas, built once from the generated JSON Schemas. */
import * as Generated from '@rollcall/transactionlink-fetch/schemas';
import type { Schema } from 'effect';
import { makeOpenApiSchemas } from '../openapi-schema.js';

const build = () => {
  const schemas = makeOpenApiSchemas(
    Object.fromEntries(Object.entries(Generated).map(([name, schema]) => [name.replace(/Schema$/, ''), schema])),
  );
  const listOf = (name: string) =>
    schemas.of({ type: 'array', items: { $ref: `#/components/schemas/${name}` } }) as Schema.Schema<unknown>;
  return {
    UserPageResponse: schemas.named('UserPageResponse'),
    UserResponse: schemas.named('UserResponse'),
    EnrollmentPageResponse: schemas.named('EnrollmentPageResponse'),
    EnrollmentResponse: schemas.named('EnrollmentResponse'),
    OrganizationRoleList: listOf('OrganizationRoleResponse'),
    WorkspaceList: listOf('WorkspaceResponse'),
    RoleRefList: listOf('RoleRefResponse'),
    WorkspaceMembershipList: listOf('WorkspaceMembershipResponse'),
    WorkspaceMembershipResponse: schemas.named('WorkspaceMembershipResponse'),
  };
};

/** The response schemas of the TransactionLink operations. */
export type ResponseSchemas = ReturnType<typeof build>;

let built: ResponseSchemas | undefined;

/** The response schemas, built on first use. */
export const responseSchemas = (): ResponseSchemas => {
  built ??= build();
  return built;
};
