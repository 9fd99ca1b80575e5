/**
 * The errors every API call can fail with, as `Schema.TaggedError`s: match them with
 * `Effect.catchTag`, or with `instanceof` on a rejected Promise of the Promise facade.
 *
 * They carry what a caller needs to react or to report (status, method, path, the server's
 * `fingerprint` and `errors[]`, how many attempts were made) and never a credential: tokens live
 * in `Redacted` values and are scrubbed from every string the server sent back.
 *
 * @module
 */
import { Schema } from 'effect';

/**
 * One error the server reported: an entry of TransactionLink's `ErrorResponse.errors`, or
 * GitBook's `error` with its numeric code as a string.
 */
export const ApiErrorDetail = Schema.Struct({ code: Schema.String, message: Schema.String });
/** One error the server reported (see the schema). */
export type ApiErrorDetail = typeof ApiErrorDetail.Type;

/** One field-level problem of a response body, at a path such as `content.3.email`. */
export const DecodeIssue = Schema.Struct({ path: Schema.String, message: Schema.String });
/** One field-level problem of a response body, at a path such as `content.3.email`. */
export type DecodeIssue = typeof DecodeIssue.Type;

const requestFields = {
  /** HTTP method, upper case. */
  method: Schema.String,
  /** Request path without the base URL and query, e.g. `/organizations/users/3f6c...` or `/orgs/acme/members`. */
  path: Schema.String,
  /** Attempts made, the first one included. */
  attempts: Schema.Number,
  /** `ErrorResponse.fingerprint`, when the server sent one: quote it to the vendor's support. */
  fingerprint: Schema.optional(Schema.String),
  /** The errors the body reported (`ErrorResponse.errors`, GitBook's `error`), empty when it had none. */
  errors: Schema.Array(ApiErrorDetail),
};

const responseFields = { ...requestFields, status: Schema.Number };

interface Described {
  readonly method: string;
  readonly path: string;
  readonly attempts: number;
  readonly status?: number | undefined;
  readonly fingerprint?: string | undefined;
  readonly errors: ReadonlyArray<ApiErrorDetail>;
}

/** `GET /organizations/users → 404 USER_NOT_FOUND: no such user (fingerprint f-1, 1 attempt)` */
const describe = (error: Described, what?: string, note?: string): string => {
  const outcome = what ?? (error.status === undefined ? 'failed' : String(error.status));
  // A code that only repeats the status (GitBook's `{error: {code: 404, …}}`) is not repeated.
  const details = error.errors
    .map(({ code, message }) => (code === '' || code === String(error.status) ? message : `${code}: ${message}`))
    .join('; ');
  const notes = [
    ...(note === undefined ? [] : [note]),
    ...(error.fingerprint === undefined ? [] : [`fingerprint ${error.fingerprint}`]),
    `${error.attempts} attempt${error.attempts === 1 ? '' : 's'}`,
  ];
  return `${error.method} ${error.path} → ${outcome}${details ? ` ${details}` : ''} (${notes.join(', ')})`;
};

/** 400, or another 4xx without a class of its own (405, 415, 422, …): the request is wrong. */
export class BadRequest extends Schema.TaggedError<BadRequest>()('BadRequest', responseFields) {
  override get message(): string {
    return describe(this);
  }
}

/** 401: the token is missing, unknown or revoked. */
export class Unauthorized extends Schema.TaggedError<Unauthorized>()('Unauthorized', responseFields) {
  override get message(): string {
    return describe(this);
  }
}

/** 403: the token lacks a scope the operation needs, or access to the organization. */
export class Forbidden extends Schema.TaggedError<Forbidden>()('Forbidden', responseFields) {
  override get message(): string {
    return describe(this);
  }
}

/** 404 or 410: the resource does not exist (any more). */
export class NotFound extends Schema.TaggedError<NotFound>()('NotFound', responseFields) {
  override get message(): string {
    return describe(this);
  }
}

/** 409: the request conflicts with the resource's current state. */
export class Conflict extends Schema.TaggedError<Conflict>()('Conflict', responseFields) {
  override get message(): string {
    return describe(this);
  }
}

/**
 * 429 after the retries were spent, or asking for a wait (`Retry-After`, or `X-RateLimit-Reset`
 * where the API uses it) longer than the policy's `maxRetryAfter` (then the call fails at once
 * instead of sleeping for it).
 */
export class RateLimited extends Schema.TaggedError<RateLimited>()('RateLimited', {
  ...responseFields,
  /** The wait the server asked for (`Retry-After` or until `X-RateLimit-Reset`), in ms from when the response arrived. */
  retryAfterMs: Schema.optional(Schema.Number),
}) {
  override get message(): string {
    const wait = this.retryAfterMs === undefined ? undefined : `asked to wait ${Math.ceil(this.retryAfterMs / 1000)} s`;
    return describe(this, undefined, wait);
  }
}

/** A 5xx after the retries were spent (or at once for a POST, which is retried only on 503). */
export class ServerError extends Schema.TaggedError<ServerError>()('ServerError', responseFields) {
  override get message(): string {
    return describe(this);
  }
}

/**
 * No answer in time: an attempt exceeded the per-attempt `timeout` (`scope: 'attempt'`, its
 * request was aborted), the whole call exceeded its `deadline` (`scope: 'deadline'`), or the server
 * answered 408 (`scope: 'server'`, `status: 408`).
 */
export class Timeout extends Schema.TaggedError<Timeout>()('Timeout', {
  ...requestFields,
  status: Schema.optional(Schema.Number),
  scope: Schema.Literal('attempt', 'deadline', 'server'),
  /** The client's limit that was exceeded, in milliseconds (absent for a 408). */
  timeoutMs: Schema.optional(Schema.Number),
}) {
  override get message(): string {
    if (this.timeoutMs === undefined) return describe(this);
    return describe(this, `timed out (${this.scope} limit of ${this.timeoutMs} ms)`);
  }
}

/**
 * `Transport.reason` when the server's TLS certificate is not trusted: self-signed, or issued by a
 * CA the runtime does not know (a TLS-inspecting proxy's, a private CA). Never retried.
 */
export const UNTRUSTED_CERTIFICATE = 'TLS certificate not trusted (self-signed, or issued by an unknown CA)';

/**
 * The exchange itself failed: connection refused or reset, DNS, TLS, a body cut off, or a 2xx
 * body that is not JSON at all (truncated or malformed in transit; `status` is then set). Such a
 * body is treated like a dropped connection, so GET and PUT retry it; a Decode error is reserved
 * for well-formed JSON that does not match the spec.
 */
export class Transport extends Schema.TaggedError<Transport>()('Transport', {
  ...requestFields,
  status: Schema.optional(Schema.Number),
  /** What went wrong, e.g. `connection refused`, `connection reset`, `response body is not valid JSON`. */
  reason: Schema.String,
}) {
  override get message(): string {
    return describe(this, this.reason);
  }
}

/** A 2xx whose JSON body does not match the spec; `issues` names every offending field. */
export class Decode extends Schema.TaggedError<Decode>()('Decode', {
  ...responseFields,
  issues: Schema.Array(DecodeIssue),
}) {
  override get message(): string {
    const shown = this.issues.slice(0, 5).map(({ path, message }) => (path ? `${path}: ${message}` : message));
    const more = this.issues.length > shown.length ? `; and ${this.issues.length - shown.length} more` : '';
    return describe(this, `${this.status} body does not match the spec: ${shown.join('; ')}${more}`);
  }
}

/**
 * The server redirected the request to another origin (scheme, host or port): not followed, not
 * retried, and nothing was sent there, the token least of all. Data must come from the configured
 * base URL's origin; a redirect within it is followed (up to 5 times).
 */
export class CrossOriginRedirect extends Schema.TaggedError<CrossOriginRedirect>()('CrossOriginRedirect', {
  ...responseFields,
  /** The origin the request was sent to, e.g. `https://api.transactionlink.io`. */
  from: Schema.String,
  /** Where it was redirected, without credentials, query or fragment; `(hidden)` when the runtime hides it. */
  location: Schema.String,
}) {
  override get message(): string {
    return describe(
      this,
      `${this.status} redirect to another origin, ${this.location}, refused`,
      `only ${this.from} is trusted`,
    );
  }
}

/** Every error an API call can fail with. */
export type ApiError =
  | BadRequest
  | Unauthorized
  | Forbidden
  | NotFound
  | Conflict
  | RateLimited
  | ServerError
  | Timeout
  | Transport
  | Decode
  | CrossOriginRedirect;

/**
 * The client's configuration is unusable; `setting` names which one (`token`, `baseUrl`,
 * `retry`, `timeout`, `deadline`, or an environment variable). The message never contains the token.
 */
export class ConfigError extends Schema.TaggedError<ConfigError>()('ConfigError', {
  setting: Schema.String,
  message: Schema.String,
}) {}

/**
 * The collection changed while it was being paged: `totalElements` of page `page` differs from the
 * first page's. The rows already streamed may miss or repeat entries, so the stream stops.
 */
export class PageDrift extends Schema.TaggedError<PageDrift>()('PageDrift', {
  /** What was being listed, e.g. `users`. */
  entity: Schema.String,
  /** `totalElements` of the first page. */
  expectedTotal: Schema.Number,
  /** `totalElements` of page `page`. */
  actualTotal: Schema.Number,
  /** 0-based page where the change was seen. */
  page: Schema.Number,
}) {
  override get message(): string {
    return `${this.entity} changed while paging: ${this.expectedTotal} in total at first, ${this.actualTotal} at page ${this.page}`;
  }
}
