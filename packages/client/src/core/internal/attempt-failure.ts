/**
 * Why one attempt failed, whether that is worth another attempt, and the public error it becomes
 * when it is not (or when the retries are spent).
 */
import type { Redacted } from 'effect';
import {
  type ApiError,
  type ApiErrorDetail,
  BadRequest,
  Conflict,
  CrossOriginRedirect,
  Forbidden,
  NotFound,
  RateLimited,
  ServerError,
  Timeout,
  Transport,
  Unauthorized,
} from '../errors.js';
import type { ApiProtocol } from './protocol.js';
import { scrub } from './scrub.js';

/** How one attempt failed. */
export type AttemptFailure =
  /** The server answered with a non-2xx status. */
  | {
      readonly _tag: 'Status';
      readonly status: number;
      readonly body: unknown;
      readonly retryAfterMs: number | undefined;
    }
  /** The attempt's timeout expired and its request was aborted. */
  | { readonly _tag: 'AttemptTimeout'; readonly timeoutMs: number }
  /**
   * The exchange failed; `status` is set when the headers had arrived. `permanent`: every attempt
   * would fail alike (a rejected TLS certificate, no TLS server at an https URL), so none is retried.
   */
  | {
      readonly _tag: 'Network';
      readonly reason: string;
      readonly notSent: boolean;
      readonly permanent: boolean;
      readonly status: number | undefined;
    }
  /** A 2xx whose body is not JSON (truncated or malformed in transit). */
  | { readonly _tag: 'InvalidJson'; readonly status: number }
  /** The server redirected to another origin (never followed, never retried). */
  | {
      readonly _tag: 'RedirectRefused';
      readonly from: string;
      readonly location: string;
      readonly status: number;
    };

/** Methods that may be repeated without changing the outcome (RFC 9110 §9.2.2). */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * Whether `failure` is worth another attempt of a `method` request. Idempotent methods retry on
 * 408, 429, 5xx, timeouts, transport errors and broken bodies. Other methods (POST) retry only
 * when the server cannot have acted: 429, 503, or a connection that was never established. A
 * permanent failure (a rejected TLS certificate, no TLS server at an https URL) is never retried.
 */
export const isRetryable = (method: string, failure: AttemptFailure): boolean => {
  const idempotent = IDEMPOTENT.has(method.toUpperCase());
  switch (failure._tag) {
    case 'Status':
      if (failure.status === 429 || failure.status === 503) return true;
      return idempotent && (failure.status === 408 || failure.status >= 500);
    case 'Network':
      return !failure.permanent && (failure.notSent || idempotent);
    case 'AttemptTimeout':
    case 'InvalidJson':
      return idempotent;
    case 'RedirectRefused':
      return false;
  }
};

/** A short reason for logs and `onRetry`, e.g. `HTTP 503`. */
export const failureReason = (failure: AttemptFailure): string => {
  switch (failure._tag) {
    case 'Status':
      return `HTTP ${failure.status}`;
    case 'AttemptTimeout':
      return `no response within ${failure.timeoutMs} ms`;
    case 'Network':
      return failure.reason;
    case 'InvalidJson':
      return `HTTP ${failure.status} body is not valid JSON`;
    case 'RedirectRefused':
      return `HTTP ${failure.status} redirect to another origin (${failure.location})`;
  }
};

/** The fingerprint and errors of `body` read by `protocol`, with every secret scrubbed. */
const scrubbedDetails = (
  body: unknown,
  protocol: ApiProtocol,
  secrets: ReadonlyArray<Redacted.Redacted<string>>,
): { fingerprint?: string; errors: ApiErrorDetail[] } => {
  const { fingerprint, errors } = protocol.errorDetails(body);
  const scrubbed = errors.map(({ code, message }) => ({
    code: scrub(code, secrets),
    message: scrub(message, secrets),
  }));
  return fingerprint === undefined
    ? { errors: scrubbed }
    : { fingerprint: scrub(fingerprint, secrets), errors: scrubbed };
};

/** Where the failure happened and after how many attempts. */
export interface FailureContext {
  readonly method: string;
  readonly path: string;
  readonly attempts: number;
  readonly secrets: ReadonlyArray<Redacted.Redacted<string>>;
  /** How the API shapes its error bodies. */
  readonly protocol: ApiProtocol;
}

/** The public error for the final failure of a call. */
export const toApiError = (failure: AttemptFailure, context: FailureContext): ApiError => {
  const { method, path, attempts, secrets, protocol } = context;
  const request = { method, path, attempts };
  switch (failure._tag) {
    case 'AttemptTimeout':
      return new Timeout({ ...request, errors: [], scope: 'attempt', timeoutMs: failure.timeoutMs });
    case 'Network':
      return new Transport({
        ...request,
        errors: [],
        reason: scrub(failure.reason, secrets),
        ...(failure.status === undefined ? {} : { status: failure.status }),
      });
    case 'InvalidJson':
      return new Transport({
        ...request,
        errors: [],
        status: failure.status,
        reason: 'response body is not valid JSON',
      });
    case 'RedirectRefused':
      return new CrossOriginRedirect({
        ...request,
        errors: [],
        from: failure.from,
        location: scrub(failure.location, secrets),
        status: failure.status,
      });
    case 'Status': {
      const fields = { ...request, ...scrubbedDetails(failure.body, protocol, secrets), status: failure.status };
      const { status } = failure;
      if (status === 400) return new BadRequest(fields);
      if (status === 401) return new Unauthorized(fields);
      if (status === 403) return new Forbidden(fields);
      if (status === 404 || status === 410) return new NotFound(fields);
      if (status === 408) return new Timeout({ ...fields, scope: 'server' });
      if (status === 409) return new Conflict(fields);
      if (status === 429) {
        return new RateLimited({
          ...fields,
          ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }),
        });
      }
      if (status >= 500) return new ServerError(fields);
      return new BadRequest(fields);
    }
  }
};
