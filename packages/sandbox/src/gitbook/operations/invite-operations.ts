import type { CreateOrganizationInvite, InviteUsersToOrganization } from '@rollcall/gitbook-fetch';
import { json, noContent } from '../../core/api-response.js';
import type { GitBookContext } from '../domain/gitbook-context.js';
import { requireInviteLink } from '../domain/gitbook-context.js';
import { inviteUsers, joinWithInvite } from '../domain/invitations.js';
import { createInviteLink, deleteInviteLink, type InviteLinkUpdate, updateInviteLink } from '../domain/invite-links.js';
import type { Cursors } from '../paging.js';
import { inviteLinkViewIn } from '../views.js';
import { type Handler, withAccess } from './handler.js';

/** Invitations by email, joining, and invite links (listed by id). */
export function inviteOperations(context: GitBookContext, cursors: Cursors): Record<string, Handler> {
  const view = inviteLinkViewIn(context.state);
  const inviteId = (path: Readonly<Record<string, unknown>>) => path.inviteId as string;
  return {
    inviteUsersToOrganization: withAccess(context, 'manage', ({ body }) =>
      json(200, inviteUsers(context, body as InviteUsersToOrganization)),
    ),
    joinOrganizationWithInvite: withAccess(context, 'join', ({ path, principal }) => {
      joinWithInvite(context, principal.userId, inviteId(path));
      return json(200, {});
    }),
    listOrganizationInviteLinks: withAccess(context, 'read', ({ query }) => {
      const limit = cursors.limit(query);
      const page = context.state.inviteLinks.page(cursors.after('link-invites', query), limit);
      return json(200, cursors.body('link-invites', page, view));
    }),
    createOrganizationInvite: withAccess(context, 'manage', ({ body }) =>
      json(201, view(createInviteLink(context, body as CreateOrganizationInvite))),
    ),
    getOrganizationInviteLink: withAccess(context, 'read', ({ path }) =>
      json(200, view(requireInviteLink(context, inviteId(path)))),
    ),
    updateOrganizationInviteById: withAccess(context, 'manage', ({ path, body }) =>
      json(200, view(updateInviteLink(context, inviteId(path), body as InviteLinkUpdate))),
    ),
    // 205 when a link was deleted, 204 when there was none: both without a body.
    deleteOrganizationInviteById: withAccess(context, 'manage', ({ path }) =>
      deleteInviteLink(context, inviteId(path)) ? { status: 205 } : noContent,
    ),
  };
}
