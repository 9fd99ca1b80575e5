import type {
  ReinstateUserRequest,
  UpdateUserProfileRequest,
  UpdateUserRoleRequest,
} from '@rollcall/transactionlink-fetch';
import { json, noContent } from '../../core/api-response.js';
import { type OrganizationContext, requireUser } from '../domain/organization-context.js';
import { reinstate, resetMfa, terminate, updateProfile, updateRole } from '../domain/user-lifecycle.js';
import { pageOf, pageRequest } from '../paging.js';
import { userView } from '../views.js';
import type { Handler } from './handler.js';

export function userOperations(context: OrganizationContext, maxPageSize: number): Record<string, Handler> {
  const userId = (path: Readonly<Record<string, unknown>>) => path.userId as string;
  return {
    'list-users': ({ query }) => {
      const request = pageRequest(query, maxPageSize);
      const users = context.state.users;
      return json(200, pageOf(users.slice(request.offset, request.size).map(userView), users.size, request));
    },
    'get-user': ({ path }) => json(200, userView(requireUser(context, userId(path)))),
    'update-user-profile': ({ path, body }) =>
      json(200, userView(updateProfile(context, userId(path), body as UpdateUserProfileRequest))),
    'update-user-role': ({ path, body }) =>
      json(200, userView(updateRole(context, userId(path), (body as UpdateUserRoleRequest).roleId))),
    'terminate-user': ({ path }) => json(200, userView(terminate(context, userId(path)))),
    'reinstate-user': ({ path, body }) =>
      json(200, userView(reinstate(context, userId(path), (body as ReinstateUserRequest).roleId))),
    'reset-user-mfa': ({ path }) => {
      resetMfa(context, userId(path));
      return noContent;
    },
  };
}
