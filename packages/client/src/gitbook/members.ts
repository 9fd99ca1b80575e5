/**
 * Members of the organization, guests included (role `null`), with cursor paging.
 *
 * @module
 */
import type { OrganizationMember } from '@rollcall/gitbook-fetch';
import { type Effect, Stream } from 'effect';
import type { CallOptions } from '../core/call-options.js';
import { call } from '../core/internal/call.js';
import { cursorPages } from '../core/internal/cursor-pagination.js';
import { cursorEnvelope } from '../core/internal/envelopes.js';
import { type CursorPageQuery, type CursorStreamQuery, DEFAULT_STREAM_PAGE_SIZE } from '../core/paging.js';
import { organizationPath, type ResourceContext, requestOptions } from './resource-context.js';
import type { GitBookError, MemberPage } from './types.js';

/** `GitBookInvites.members`. */
export interface MembersResource {
  /**
   * One page of members (`GET /orgs/{organizationId}/members`): the first page without `page`,
   * then the previous page's `next.page`.
   */
  list(query?: CursorPageQuery, options?: CallOptions): Effect.Effect<MemberPage, GitBookError>;
  /** Every page, following `next.page` until a page has none. `options` apply to each page's request. */
  pages(query?: CursorStreamQuery, options?: CallOptions): Stream.Stream<MemberPage, GitBookError>;
  /** Every member, page after page (see {@link MembersResource.pages}). */
  stream(query?: CursorStreamQuery, options?: CallOptions): Stream.Stream<OrganizationMember, GitBookError>;
}

/** Builds `members` over `context`. */
export const makeMembers = (context: ResourceContext): MembersResource => {
  const { sdk, schemas, config } = context;
  const { organizationId } = config;

  const list: MembersResource['list'] = (query = {}, options) =>
    call(
      {
        name: 'GitBook.members.list',
        method: 'GET',
        path: organizationPath(context, '/orgs/{organizationId}/members'),
        send: (init) =>
          sdk.listMembersInOrganizationById({
            ...requestOptions(context, init),
            path: { organizationId },
            query: { page: query.page, limit: query.limit },
          }),
        response: schemas.MemberPage,
        envelope: cursorEnvelope,
      },
      config.settings,
      options,
    );

  const pages: MembersResource['pages'] = (query = {}, options) =>
    cursorPages((page) => list({ page, limit: query.limit ?? DEFAULT_STREAM_PAGE_SIZE }, options));

  return {
    list,
    pages,
    stream: (query, options) => pages(query, options).pipe(Stream.mapConcat((page) => page.items)),
  };
};
