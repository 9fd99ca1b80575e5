/**
 * GitBook's conventions: error bodies are `{error: {code, message}}` (the code is the HTTP
 * status), and every response carries `X-RateLimit-Limit`, `X-RateLimit-Remaining` and
 * `X-RateLimit-Reset`; a 429 promises no `Retry-After`.
 */
import { type ApiProtocol, type ErrorDetails, isRecord } from '../core/internal/protocol.js';
import { rateLimitHints } from '../core/internal/rate-limit-headers.js';

/**
 * `{error: {code, message}}` as one error `{code: String(code), message}`; GitBook sends no
 * fingerprint. A body of another shape has no errors; a missing code is `''`.
 */
export const gitBookErrorDetails = (body: unknown): ErrorDetails => {
  const error = isRecord(body) ? body.error : undefined;
  if (!isRecord(error) || typeof error.message !== 'string') return { errors: [] };
  const code = typeof error.code === 'number' || typeof error.code === 'string' ? String(error.code) : '';
  return { errors: [{ code, message: error.message }] };
};

/** GitBook's protocol. */
export const gitBookProtocol: ApiProtocol = {
  errorDetails: gitBookErrorDetails,
  waitHints: rateLimitHints,
};
