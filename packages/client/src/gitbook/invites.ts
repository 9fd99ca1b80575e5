/**
 * Inviting people into the organization by email, and joining it with an invite link.
 *
 * @module
 */
import type { InviteUsersToOrganization, InviteUsersToOrganizationResponse } from '@rollcall/gitbook-fetch';
import { Effect } from 'effect';
import type { CallOptions } from '../core/call-options.js';
import { call } from '../core/internal/call.js';
import { organizationPath, type ResourceContext, requestOptions } from './resource-context.js';
import type { GitBookError, InviteUsersRequest, InviteUsersResult } from './types.js';

/** `GitBookInvites.invites`. */
export interface InvitesResource {
  /**
   * Invites people by email (`POST /orgs/{organizationId}/invites`): plain emails get `role` (the
   * API's default when absent; `null` for guests), `{email, role}` entries their own. With `sso`,
   * people who belong to another organization are invited but not added as SSO users; their emails
   * come back in `failedSSOEmails`. Retried only when the server cannot have acted (429, 503,
   * connection refused), so nobody is invited twice by the client.
   */
  inviteUsers(request: InviteUsersRequest, options?: CallOptions): Effect.Effect<InviteUsersResult, GitBookError>;
  /**
   * The token's own user joins the organization with the invite link `inviteId`, getting its role
   * (`POST /orgs/{organizationId}/invites/{inviteId}`).
   */
  join(inviteId: string, options?: CallOptions): Effect.Effect<void, GitBookError>;
}

/** Builds `invites` over `context`. */
export const makeInvites = (context: ResourceContext): InvitesResource => {
  const { sdk, schemas, config } = context;
  const { organizationId } = config;
  return {
    inviteUsers: (request, options) => {
      const body: InviteUsersToOrganization = {
        emails: [...request.emails],
        ...(request.role === undefined ? {} : { role: request.role }),
        ...(request.sso === undefined ? {} : { sso: request.sso }),
      };
      return call<InviteUsersToOrganizationResponse>(
        {
          name: 'GitBook.invites.inviteUsers',
          method: 'POST',
          path: organizationPath(context, '/orgs/{organizationId}/invites'),
          send: (init) =>
            sdk.inviteUsersToOrganization({ ...requestOptions(context, init), path: { organizationId }, body }),
          response: schemas.InviteUsersResult,
        },
        config.settings,
        options,
      ).pipe(Effect.map((result) => ({ ...result, failedSSOEmails: result.failedSSOEmails ?? [] })));
    },
    join: (inviteId, options) =>
      call<unknown>(
        {
          name: 'GitBook.invites.join',
          method: 'POST',
          path: organizationPath(context, '/orgs/{organizationId}/invites/{inviteId}', { inviteId }),
          send: (init) =>
            sdk.joinOrganizationWithInvite({ ...requestOptions(context, init), path: { organizationId, inviteId } }),
          response: schemas.JoinResult,
        },
        config.settings,
        options,
      ).pipe(Effect.asVoid),
  };
};
