/** TransactionLink auth: `Authorization: tot_…` (no `Bearer`), scopes per operation. */

import { ApiFailure } from '../core/api-failure.js';
import type { IncomingApiRequest } from '../core/api-module.js';
import type { Operation } from '../core/openapi/operations.js';
import { requiredScopes } from './scopes.js';
import type { TokenGrant, TokenStore } from './tokens.js';

export function makeAuthorizer(tokens: TokenStore) {
  const required = new Map<string, ReturnType<typeof requiredScopes>>();
  return (request: IncomingApiRequest, operation: Operation): TokenGrant => {
    const raw = request.headers.authorization;
    const header = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    if (!header) {
      throw ApiFailure.of(401, 'UNAUTHORIZED', 'Missing Authorization header: send the organization token (tot_…)');
    }
    if (/^bearer\s/i.test(header)) {
      throw ApiFailure.of(401, 'UNAUTHORIZED', 'Invalid token: send the organization token without a Bearer prefix');
    }
    const grant = tokens.lookup(header);
    if (!grant) throw ApiFailure.of(401, 'UNAUTHORIZED', 'Invalid or unknown organization token');

    let scopes = required.get(operation.id);
    if (!scopes) required.set(operation.id, (scopes = requiredScopes(operation)));
    const missing = scopes.filter((scope) => !grant.scopes.has(scope));
    if (missing.length > 0) {
      throw ApiFailure.of(403, 'FORBIDDEN', `The token lacks the ${missing.join(', ')} permission`);
    }
    return grant;
  };
}
