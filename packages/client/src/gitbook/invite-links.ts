/**
 * Invite links of the organization, of its spaces and of its collections: list and stream them
 * (cursor paging), create, read, change the role, delete.
 *
 * @module
 */
import type { OrganizationInviteLink } from '@rollcall/gitbook-fetch';
import { Effect, Stream } from 'effect';
import type { CallOptions } from '../core/call-options.js';
import { call, callWithStatus } from '../core/internal/call.js';
import { cursorPages } from '../core/internal/cursor-pagination.js';
import { cursorEnvelope } from '../core/internal/envelopes.js';
import { type CursorPageQuery, type CursorStreamQuery, DEFAULT_STREAM_PAGE_SIZE } from '../core/paging.js';
import { organizationPath, type ResourceContext, requestOptions } from './resource-context.js';
import type {
  CreateOrganizationInvite,
  DeleteInviteLinkResult,
  GitBookError,
  InviteLinkPage,
  UpdateOrganizationInvite,
} from './types.js';

/** `GitBookInvites.inviteLinks`. */
export interface InviteLinksResource {
  /**
   * One page of invite links, of all three kinds (`GET /orgs/{organizationId}/link-invites`):
   * the first page without `page`, then the previous page's `next.page`.
   */
  list(query?: CursorPageQuery, options?: CallOptions): Effect.Effect<InviteLinkPage, GitBookError>;
  /** Every page, following `next.page` until a page has none. `options` apply to each page's request. */
  pages(query?: CursorStreamQuery, options?: CallOptions): Stream.Stream<InviteLinkPage, GitBookError>;
  /** Every invite link, page after page (see {@link InviteLinksResource.pages}). */
  stream(query?: CursorStreamQuery, options?: CallOptions): Stream.Stream<OrganizationInviteLink, GitBookError>;
  /**
   * Creates an invite link to the organization (`{role}`), a space (`{level, space}`) or a
   * collection (`{level, collection}`) (`POST …/link-invites`); not retried once the server may have acted.
   */
  create(invite: CreateOrganizationInvite, options?: CallOptions): Effect.Effect<OrganizationInviteLink, GitBookError>;
  /** One invite link (`GET …/link-invites/{inviteId}`); NotFound if there is none. */
  get(inviteId: string, options?: CallOptions): Effect.Effect<OrganizationInviteLink, GitBookError>;
  /** Changes the `role` of an organization invite link or the `level` of a space or collection one (`PATCH`). */
  update(
    inviteId: string,
    change: UpdateOrganizationInvite,
    options?: CallOptions,
  ): Effect.Effect<OrganizationInviteLink, GitBookError>;
  /**
   * Deletes an invite link (`DELETE …/link-invites/{inviteId}`): `{deleted: true}` when the server
   * deleted it (205), `{deleted: false}` when it did not exist (204).
   */
  delete(inviteId: string, options?: CallOptions): Effect.Effect<DeleteInviteLinkResult, GitBookError>;
}

/** Builds `inviteLinks` over `context`. */
export const makeInviteLinks = (context: ResourceContext): InviteLinksResource => {
  const { sdk, schemas, config } = context;
  const { organizationId, settings } = config;
  const listPath = organizationPath(context, '/orgs/{organizationId}/link-invites');
  const linkPath = (inviteId: string) =>
    organizationPath(context, '/orgs/{organizationId}/link-invites/{inviteId}', { inviteId });

  const list: InviteLinksResource['list'] = (query = {}, options) =>
    call(
      {
        name: 'GitBook.inviteLinks.list',
        method: 'GET',
        path: listPath,
        send: (init) =>
          sdk.listOrganizationInviteLinks({
            ...requestOptions(context, init),
            path: { organizationId },
            query: { page: query.page, limit: query.limit },
          }),
        response: schemas.InviteLinkPage,
        envelope: cursorEnvelope,
      },
      settings,
      options,
    );

  const pages: InviteLinksResource['pages'] = (query = {}, options) =>
    cursorPages((page) => list({ page, limit: query.limit ?? DEFAULT_STREAM_PAGE_SIZE }, options));

  return {
    list,
    pages,
    stream: (query, options) => pages(query, options).pipe(Stream.mapConcat((page) => page.items)),
    create: (invite, options) =>
      call(
        {
          name: 'GitBook.inviteLinks.create',
          method: 'POST',
          path: listPath,
          send: (init) =>
            sdk.createOrganizationInvite({ ...requestOptions(context, init), path: { organizationId }, body: invite }),
          response: schemas.InviteLink,
        },
        settings,
        options,
      ),
    get: (inviteId, options) =>
      call(
        {
          name: 'GitBook.inviteLinks.get',
          method: 'GET',
          path: linkPath(inviteId),
          send: (init) =>
            sdk.getOrganizationInviteLink({ ...requestOptions(context, init), path: { organizationId, inviteId } }),
          response: schemas.InviteLink,
        },
        settings,
        options,
      ),
    update: (inviteId, change, options) =>
      call(
        {
          name: 'GitBook.inviteLinks.update',
          method: 'PATCH',
          path: linkPath(inviteId),
          send: (init) =>
            sdk.updateOrganizationInviteById({
              ...requestOptions(context, init),
              path: { organizationId, inviteId },
              body: change,
            }),
          response: schemas.InviteLink,
        },
        settings,
        options,
      ),
    delete: (inviteId, options) =>
      callWithStatus(
        {
          name: 'GitBook.inviteLinks.delete',
          method: 'DELETE',
          path: linkPath(inviteId),
          send: (init) =>
            sdk.deleteOrganizationInviteById({ ...requestOptions(context, init), path: { organizationId, inviteId } }),
        },
        settings,
        options,
      ).pipe(Effect.map(({ status }) => ({ deleted: status !== 204 }))),
  };
};
