/**
 * Workspaces, their roles and their members. Needs the `can_view_workspace` scope; the list holds
 * only the workspaces the token may view.
 *
 * @module
 */
import type { RoleRefResponse, WorkspaceMembershipResponse, WorkspaceResponse } from '@rollcall/transactionlink-fetch';
import type { Effect, Stream } from 'effect';
import type { CallOptions } from '../core/call-options.js';
import { arrayEnvelope } from '../core/internal/envelopes.js';
import { renderPath } from '../core/internal/path.js';
import { streamList } from '../core/internal/stream-call.js';
import { type ResourceContext, requestOptions, run } from './resource-context.js';
import type { TransactionLinkError } from './types.js';

/** `TransactionLink.workspaces`. */
export interface WorkspacesResource {
  /** The workspaces the token may view (`GET /organizations/workspaces`). */
  list(options?: CallOptions): Effect.Effect<ReadonlyArray<WorkspaceResponse>, TransactionLinkError>;
  /** The roles available in a workspace (`GET …/{workspaceId}/roles`). */
  roles(
    workspaceId: string,
    options?: CallOptions,
  ): Effect.Effect<ReadonlyArray<RoleRefResponse>, TransactionLinkError>;
  /**
   * Everyone with access to a workspace and their workspace role, organization admins who inherit
   * access included (`GET …/{workspaceId}/memberships`).
   */
  memberships(
    workspaceId: string,
    options?: CallOptions,
  ): Effect.Effect<ReadonlyArray<WorkspaceMembershipResponse>, TransactionLinkError>;
  /**
   * {@link memberships} item by item as the body arrives, each decoded on its own: a workspace of
   * any size in the memory of one chunk. Retried like any call until the answer starts; a body
   * that breaks off after members were emitted fails the stream (read it again for the whole list).
   */
  membershipStream(
    workspaceId: string,
    options?: CallOptions,
  ): Stream.Stream<WorkspaceMembershipResponse, TransactionLinkError>;
}

/** Builds `workspaces` over `context`. */
export const makeWorkspaces = (context: ResourceContext): WorkspacesResource => {
  const { sdk, schemas } = context;
  return {
    list: (options) =>
      run(
        context,
        {
          name: 'TransactionLink.workspaces.list',
          method: 'GET',
          path: '/organizations/workspaces',
          send: (init) => sdk.listWorkspaces(requestOptions(context, init)),
          response: schemas.WorkspaceList,
          envelope: arrayEnvelope,
        },
        options,
      ),
    roles: (workspaceId, options) =>
      run(
        context,
        {
          name: 'TransactionLink.workspaces.roles',
          method: 'GET',
          path: renderPath('/organizations/workspaces/{workspaceId}/roles', { workspaceId }),
          send: (init) => sdk.listWorkspaceRoles({ ...requestOptions(context, init), path: { workspaceId } }),
          response: schemas.RoleRefList,
          envelope: arrayEnvelope,
        },
        options,
      ),
    memberships: (workspaceId, options) =>
      run(
        context,
        {
          name: 'TransactionLink.workspaces.memberships',
          method: 'GET',
          path: renderPath('/organizations/workspaces/{workspaceId}/memberships', { workspaceId }),
          send: (init) => sdk.listWorkspaceMemberships({ ...requestOptions(context, init), path: { workspaceId } }),
          response: schemas.WorkspaceMembershipList,
          envelope: arrayEnvelope,
        },
        options,
      ),
    membershipStream: (workspaceId, options) =>
      streamList<WorkspaceMembershipResponse>(
        {
          name: 'TransactionLink.workspaces.membershipStream',
          method: 'GET',
          path: renderPath('/organizations/workspaces/{workspaceId}/memberships', { workspaceId }),
          send: (init) => sdk.listWorkspaceMemberships({ ...requestOptions(context, init), path: { workspaceId } }),
          item: schemas.WorkspaceMembershipResponse,
        },
        context.config.settings,
        options,
      ),
  };
};
