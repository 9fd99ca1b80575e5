/**
 * Organization users: list and stream, read, update profile and role, terminate and reinstate,
 * reset MFA. All need the `can_manage_users` scope, except `resetMfa` (`can_reset_2fa`).
 *
 * @module
 */
import type { UpdateUserProfileRequest, UserPageResponse, UserResponse } from '@rollcall/transactionlink-fetch';
import { type Effect, Stream } from 'effect';
import type { CallOptions } from '../core/call-options.js';
import type { PageDrift } from '../core/errors.js';
import { pageNumberEnvelope } from '../core/internal/envelopes.js';
import { pageNumberPages } from '../core/internal/page-number-pagination.js';
import { renderPath } from '../core/internal/path.js';
import { DEFAULT_STREAM_PAGE_SIZE, type PageQuery, type StreamQuery } from '../core/paging.js';
import { type ResourceContext, requestOptions, run } from './resource-context.js';
import type { TransactionLinkError } from './types.js';

/** `TransactionLink.users`. */
export interface UsersResource {
  /** One page of users (`GET /organizations/users`), in a stable order: createdDateTime, then id. */
  list(query?: PageQuery, options?: CallOptions): Effect.Effect<UserPageResponse, TransactionLinkError>;
  /**
   * Every page of users, in order, paged by the server's `totalPages` and effective `size`.
   * Fails with PageDrift when the number of users changes meanwhile. `options` apply to each page's request.
   */
  pages(query?: StreamQuery, options?: CallOptions): Stream.Stream<UserPageResponse, TransactionLinkError | PageDrift>;
  /** Every user, page after page (see {@link UsersResource.pages}). */
  stream(query?: StreamQuery, options?: CallOptions): Stream.Stream<UserResponse, TransactionLinkError | PageDrift>;
  /** One user (`GET /organizations/users/{userId}`); NotFound if there is none. */
  get(userId: string, options?: CallOptions): Effect.Effect<UserResponse, TransactionLinkError>;
  /** Sets first name, last name and title (`PUT …/profile`); a field left out is left unchanged. */
  updateProfile(
    userId: string,
    profile: UpdateUserProfileRequest,
    options?: CallOptions,
  ): Effect.Effect<UserResponse, TransactionLinkError>;
  /** Assigns another organization role (`PUT …/role`). */
  updateRole(userId: string, roleId: string, options?: CallOptions): Effect.Effect<UserResponse, TransactionLinkError>;
  /** Deactivates the user (`POST …/terminate`); BadRequest if already terminated. Not retried after a 500. */
  terminate(userId: string, options?: CallOptions): Effect.Effect<UserResponse, TransactionLinkError>;
  /** Reactivates a terminated user with `roleId` (`POST …/reinstate`); BadRequest if not terminated. */
  reinstate(userId: string, roleId: string, options?: CallOptions): Effect.Effect<UserResponse, TransactionLinkError>;
  /** Resets the user's multi-factor authentication (`POST …/reset-mfa`); needs `can_reset_2fa`. */
  resetMfa(userId: string, options?: CallOptions): Effect.Effect<void, TransactionLinkError>;
}

/** Builds `users` over `context`. */
export const makeUsers = (context: ResourceContext): UsersResource => {
  const { sdk, schemas } = context;
  const userPath = (template: string, userId: string) => renderPath(template, { userId });

  const list: UsersResource['list'] = (query = {}, options) =>
    run(
      context,
      {
        name: 'TransactionLink.users.list',
        method: 'GET',
        path: '/organizations/users',
        send: (init) =>
          sdk.listUsers({ ...requestOptions(context, init), query: { page: query.page, size: query.size } }),
        response: schemas.UserPageResponse,
        envelope: pageNumberEnvelope,
      },
      options,
    );

  const pages: UsersResource['pages'] = (query = {}, options) =>
    pageNumberPages((page, size) => list({ page, size }, options), {
      entity: 'users',
      pageSize: query.pageSize ?? DEFAULT_STREAM_PAGE_SIZE,
      concurrency: query.concurrency ?? 1,
      ordered: query.ordered,
    });

  return {
    list,
    pages,
    stream: (query, options) => pages(query, options).pipe(Stream.mapConcat((page) => page.content ?? [])),
    get: (userId, options) =>
      run(
        context,
        {
          name: 'TransactionLink.users.get',
          method: 'GET',
          path: userPath('/organizations/users/{userId}', userId),
          send: (init) => sdk.getUser({ ...requestOptions(context, init), path: { userId } }),
          response: schemas.UserResponse,
        },
        options,
      ),
    updateProfile: (userId, profile, options) =>
      run(
        context,
        {
          name: 'TransactionLink.users.updateProfile',
          method: 'PUT',
          path: userPath('/organizations/users/{userId}/profile', userId),
          send: (init) => sdk.updateUserProfile({ ...requestOptions(context, init), path: { userId }, body: profile }),
          response: schemas.UserResponse,
        },
        options,
      ),
    updateRole: (userId, roleId, options) =>
      run(
        context,
        {
          name: 'TransactionLink.users.updateRole',
          method: 'PUT',
          path: userPath('/organizations/users/{userId}/role', userId),
          send: (init) => sdk.updateUserRole({ ...requestOptions(context, init), path: { userId }, body: { roleId } }),
          response: schemas.UserResponse,
        },
        options,
      ),
    terminate: (userId, options) =>
      run(
        context,
        {
          name: 'TransactionLink.users.terminate',
          method: 'POST',
          path: userPath('/organizations/users/{userId}/terminate', userId),
          send: (init) => sdk.terminateUser({ ...requestOptions(context, init), path: { userId } }),
          response: schemas.UserResponse,
        },
        options,
      ),
    reinstate: (userId, roleId, options) =>
      run(
        context,
        {
          name: 'TransactionLink.users.reinstate',
          method: 'POST',
          path: userPath('/organizations/users/{userId}/reinstate', userId),
          send: (init) => sdk.reinstateUser({ ...requestOptions(context, init), path: { userId }, body: { roleId } }),
          response: schemas.UserResponse,
        },
        options,
      ),
    resetMfa: (userId, options) =>
      run(
        context,
        {
          name: 'TransactionLink.users.resetMfa',
          method: 'POST',
          path: userPath('/organizations/users/{userId}/reset-mfa', userId),
          send: (init) => sdk.resetUserMfa({ ...requestOptions(context, init), path: { userId } }),
        },
        options,
      ),
  };
};
