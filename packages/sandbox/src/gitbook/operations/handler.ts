import type { OperationHandler } from '../../core/api-module.js';
import { type Access, requireAccess } from '../domain/access.js';
import type { GitBookContext } from '../domain/gitbook-context.js';
import type { TokenGrant } from '../tokens.js';

/** A GitBook operation handler: called with the caller's token grant. */
export type Handler = OperationHandler<TokenGrant>;

/** A handler that runs only when the caller has `access` to the organization in the path. */
export const withAccess =
  (context: GitBookContext, access: Access, handler: Handler): Handler =>
  (request) => {
    requireAccess(context, request.path.organizationId as string, request.principal.userId, access);
    return handler(request);
  };
