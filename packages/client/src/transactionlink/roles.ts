/**
 * Organization roles (owner, admin, member, …). Needs the `can_manage_users` scope.
 *
 * @module
 */
import type { OrganizationRoleResponse } from '@rollcall/transactionlink-fetch';
import type { Effect } from 'effect';
import type { CallOptions } from '../core/call-options.js';
import { arrayEnvelope } from '../core/internal/envelopes.js';
import { type ResourceContext, requestOptions, run } from './resource-context.js';
import type { TransactionLinkError } from './types.js';

/** `TransactionLink.roles`. */
export interface RolesResource {
  /** Every organization role (`GET /organizations/roles`). */
  list(options?: CallOptions): Effect.Effect<ReadonlyArray<OrganizationRoleResponse>, TransactionLinkError>;
}

/** Builds `roles` over `context`. */
export const makeRoles = (context: ResourceContext): RolesResource => ({
  list: (options) =>
    run(
      context,
      {
        name: 'TransactionLink.roles.list',
        method: 'GET',
        path: '/organizations/roles',
        send: (init) => context.sdk.listOrganizationRoles(requestOptions(context, init)),
        response: context.schemas.OrganizationRoleList,
        envelope: arrayEnvelope,
      },
      options,
    ),
});
