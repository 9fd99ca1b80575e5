/**
 * TransactionLink's conventions: error bodies are `ErrorResponse {fingerprint, errors: [{code,
 * message}]}`, and a 429 or 503 may carry `Retry-After`.
 */
import { type ApiProtocol, type ErrorDetails, isRecord } from '../core/internal/protocol.js';
import { retryAfterHints } from '../core/internal/rate-limit-headers.js';

/** The `fingerprint` and `errors` of an ErrorResponse body, whatever else it holds. */
export const errorResponseDetails = (body: unknown): ErrorDetails => {
  if (!isRecord(body)) return { errors: [] };
  const errors = (Array.isArray(body.errors) ? body.errors : [])
    .filter(isRecord)
    .filter((entry) => typeof entry.code === 'string' && typeof entry.message === 'string')
    .map((entry) => ({ code: entry.code as string, message: entry.message as string }));
  return typeof body.fingerprint === 'string' ? { fingerprint: body.fingerprint, errors } : { errors };
};

/** TransactionLink's protocol. */
export const transactionLinkProtocol: ApiProtocol = {
  errorDetails: errorResponseDetails,
  waitHints: retryAfterHints,
};
