/**
 * Enrollments (invitations): list and stream by status, invite, resend, cancel. Needs the
 * `can_manage_users` scope.
 *
 * @module
 */
import type { EnrollmentPageResponse, EnrollmentResponse, EnrollUserRequest } from '@rollcall/transactionlink-fetch';
import { type Effect, Stream } from 'effect';
import type { CallOptions } from '../core/call-options.js';
import type { PageDrift } from '../core/errors.js';
import { pageNumberEnvelope } from '../core/internal/envelopes.js';
import { pageNumberPages } from '../core/internal/page-number-pagination.js';
import { renderPath } from '../core/internal/path.js';
import { DEFAULT_STREAM_PAGE_SIZE, type PageQuery, type StreamQuery } from '../core/paging.js';
import { type ResourceContext, requestOptions, run } from './resource-context.js';
import { ENROLLMENT_STATUSES, type EnrollmentStatus, type TransactionLinkError } from './types.js';

/** A page of enrollments, filtered by status. */
export interface EnrollmentPageQuery extends PageQuery {
  /** Statuses to include; absent means the API's default, PENDING only. */
  readonly status?: ReadonlyArray<EnrollmentStatus>;
}

/** A stream of enrollments, filtered by status. */
export interface EnrollmentStreamQuery extends StreamQuery {
  /** Statuses to include; absent or empty means ALL statuses (unlike `list`, which defaults to PENDING). */
  readonly status?: ReadonlyArray<EnrollmentStatus>;
}

/** `TransactionLink.enrollments`. */
export interface EnrollmentsResource {
  /**
   * One page of enrollments (`GET /organizations/enrollments`). Without `status`, the API
   * returns PENDING enrollments only.
   */
  list(query?: EnrollmentPageQuery, options?: CallOptions): Effect.Effect<EnrollmentPageResponse, TransactionLinkError>;
  /**
   * Every page of enrollments with the given statuses — ALL statuses (PENDING, ACCEPTED, EXPIRED,
   * CANCELLED) when `status` is absent, not the API's PENDING-only default. Paged by the server's
   * `totalPages` and effective `size`; PageDrift when the total changes meanwhile. `options` apply to
   * each page's request.
   */
  pages(
    query?: EnrollmentStreamQuery,
    options?: CallOptions,
  ): Stream.Stream<EnrollmentPageResponse, TransactionLinkError | PageDrift>;
  /**
   * Every enrollment with the given statuses — ALL statuses when `status` is absent, not the API's
   * PENDING-only default (see {@link EnrollmentsResource.pages}).
   */
  stream(
    query?: EnrollmentStreamQuery,
    options?: CallOptions,
  ): Stream.Stream<EnrollmentResponse, TransactionLinkError | PageDrift>;
  /**
   * Invites a user with an organization role and optional workspace assignments
   * (`POST /organizations/enrollments`). Retried only when the server cannot have acted (429, 503,
   * connection refused), so an invitation is never sent twice by the client.
   */
  invite(invitation: EnrollUserRequest, options?: CallOptions): Effect.Effect<EnrollmentResponse, TransactionLinkError>;
  /** Sends a PENDING or EXPIRED invitation again (`POST …/{enrollmentId}/resend`). */
  resend(enrollmentId: string, options?: CallOptions): Effect.Effect<EnrollmentResponse, TransactionLinkError>;
  /** Cancels a PENDING invitation (`POST …/{enrollmentId}/cancel`). */
  cancel(enrollmentId: string, options?: CallOptions): Effect.Effect<void, TransactionLinkError>;
}

/** Builds `enrollments` over `context`. */
export const makeEnrollments = (context: ResourceContext): EnrollmentsResource => {
  const { sdk, schemas } = context;

  const list: EnrollmentsResource['list'] = (query = {}, options) =>
    run(
      context,
      {
        name: 'TransactionLink.enrollments.list',
        method: 'GET',
        path: '/organizations/enrollments',
        send: (init) =>
          sdk.listEnrollments({
            ...requestOptions(context, init),
            query: { status: query.status ? [...query.status] : undefined, page: query.page, size: query.size },
          }),
        response: schemas.EnrollmentPageResponse,
        envelope: pageNumberEnvelope,
      },
      options,
    );

  const pages: EnrollmentsResource['pages'] = (query = {}, options) => {
    const status = query.status?.length ? query.status : ENROLLMENT_STATUSES;
    return pageNumberPages((page, size) => list({ status, page, size }, options), {
      entity: 'enrollments',
      pageSize: query.pageSize ?? DEFAULT_STREAM_PAGE_SIZE,
      concurrency: query.concurrency ?? 1,
      ordered: query.ordered,
    });
  };

  const enrollmentPath = (template: string, enrollmentId: string) => renderPath(template, { enrollmentId });

  return {
    list,
    pages,
    stream: (query, options) => pages(query, options).pipe(Stream.mapConcat((page) => page.content ?? [])),
    invite: (invitation, options) =>
      run(
        context,
        {
          name: 'TransactionLink.enrollments.invite',
          method: 'POST',
          path: '/organizations/enrollments',
          send: (init) => sdk.inviteUser({ ...requestOptions(context, init), body: invitation }),
          response: schemas.EnrollmentResponse,
        },
        options,
      ),
    resend: (enrollmentId, options) =>
      run(
        context,
        {
          name: 'TransactionLink.enrollments.resend',
          method: 'POST',
          path: enrollmentPath('/organizations/enrollments/{enrollmentId}/resend', enrollmentId),
          send: (init) => sdk.resendInvitation({ ...requestOptions(context, init), path: { enrollmentId } }),
          response: schemas.EnrollmentResponse,
        },
        options,
      ),
    cancel: (enrollmentId, options) =>
      run(
        context,
        {
          name: 'TransactionLink.enrollments.cancel',
          method: 'POST',
          path: enrollmentPath('/organizations/enrollments/{enrollmentId}/cancel', enrollmentId),
          send: (init) => sdk.cancelInvitation({ ...requestOptions(context, init), path: { enrollmentId } }),
        },
        options,
      ),
  };
};
