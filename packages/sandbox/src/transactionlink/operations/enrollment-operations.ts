import type { EnrollUserRequest } from '@rollcall/transactionlink-fetch';
import { json, noContent } from '../../core/api-response.js';
import { cancel, invite, resend } from '../domain/enrollment-lifecycle.js';
import type { OrganizationContext } from '../domain/organization-context.js';
import type { EnrollmentStatus } from '../model.js';
import { pageOf, pageRequest } from '../paging.js';
import { enrollmentView } from '../views.js';
import type { Handler } from './handler.js';

/** The API's default when `status` is absent. */
const DEFAULT_STATUSES: ReadonlyArray<EnrollmentStatus> = ['PENDING'];

export function enrollmentOperations(context: OrganizationContext, maxPageSize: number): Record<string, Handler> {
  const enrollmentId = (path: Readonly<Record<string, unknown>>) => path.enrollmentId as string;
  return {
    'list-enrollments': ({ query }) => {
      const request = pageRequest(query, maxPageSize);
      const statuses = (query.status as ReadonlyArray<EnrollmentStatus> | undefined) ?? DEFAULT_STATUSES;
      const { total, content } = context.state.enrollments.page(statuses, request.offset, request.size);
      return json(200, pageOf(content.map(enrollmentView), total, request));
    },
    'invite-user': ({ body }) => json(201, enrollmentView(invite(context, body as EnrollUserRequest))),
    'resend-invitation': ({ path }) => json(200, enrollmentView(resend(context, enrollmentId(path)))),
    'cancel-invitation': ({ path }) => {
      cancel(context, enrollmentId(path));
      return noContent;
    },
  };
}
