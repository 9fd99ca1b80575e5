/** GitBook auth: `Authorization: Bearer <token>`. Which organization the caller may use is the handlers' check. */
import { ApiFailure } from '../core/api-failure.js';
import type { IncomingApiRequest } from '../core/api-module.js';
import type { TokenGrant, TokenStore } from './tokens.js';

export function makeAuthorizer(tokens: TokenStore) {
  return (request: IncomingApiRequest): TokenGrant => {
    const raw = request.headers.authorization;
    const header = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    if (!header) throw ApiFailure.of(401, 'UNAUTHORIZED', 'Missing Authorization header: send `Bearer <token>`');
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token) throw ApiFailure.of(401, 'UNAUTHORIZED', 'The Authorization header must be `Bearer <token>`');
    const grant = tokens.lookup(token);
    if (!grant) throw ApiFailure.of(401, 'UNAUTHORIZED', 'Invalid or expired API token');
    return grant;
  };
}
