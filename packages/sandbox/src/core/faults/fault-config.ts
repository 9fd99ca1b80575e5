/**
 * Fault injection settings (API routes only, never the control API). Replaceable at run time
 * with `control.setFaults`, which also restarts rule counters, the rate limiter and the random
 * sequence, so a test that sets the same config sees the same faults.
 */
import { Schema } from 'effect';

/** How a 429 states when to retry, for APIs that answer with `Retry-After` (TransactionLink). */
export type RetryAfterFormat = 'seconds' | 'http-date' | 'none';

/** A fault `random` may pick. */
export type FaultKind = 'status-500' | 'status-502' | 'status-503' | 'reset' | 'truncate' | 'malformed';

/** What a matching rule does to the request. */
export type Fault =
  /** Answer `status` without running the operation; an error body in the API's format unless `body`. */
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: string; readonly body?: unknown }
  /** Run the operation, send the headers and part of the body, then destroy the socket. */
  | { readonly kind: 'reset' }
  /** Run the operation, answer 200 with its JSON cut in half, end the response cleanly (no Content-Length). */
  | { readonly kind: 'truncate' }
  /** Run the operation, answer 200 with syntactically invalid JSON. */
  | { readonly kind: 'malformed' }
  /** Wait `ms`, then answer normally. */
  | { readonly kind: 'delay'; readonly ms: number }
  /** Answer exactly this JSON (e.g. a body missing a required field) without running the operation. */
  | { readonly kind: 'body'; readonly status?: number; readonly body: unknown };

/** A targeted fault for the requests that `match`. */
export interface FaultRule {
  /** Every given field must match; `query` values are compared with the request's (any of a repeated parameter). */
  readonly match: {
    readonly method?: string;
    readonly path?: string;
    readonly pathPrefix?: string;
    readonly query?: Readonly<Record<string, string>>;
  };
  /** Let the first `skip` matching requests through (default 0). */
  readonly skip?: number;
  /** Then fault this many of them (default: every one after, i.e. permanent). */
  readonly times?: number;
  readonly fault: Fault;
}

export interface FaultConfig {
  /** Added to every API response. */
  readonly latencyMs?: number;
  /**
   * Token bucket per API (wall clock): over the limit answers 429 in the API's way.
   * TransactionLink: code `RATE_LIMITED` and a `Retry-After` in whole seconds >= 1 (default), as
   * an HTTP-date, or none. GitBook: `X-RateLimit-*` headers on every answer, never `Retry-After`.
   */
  readonly rateLimit?: {
    readonly requestsPerSecond: number;
    /** Requests allowed at once; default `max(1, floor(requestsPerSecond))`. */
    readonly burst?: number;
    readonly retryAfter?: RetryAfterFormat;
  };
  /** A seeded fraction `rate` (0..1) of requests fail with one of `kinds`, the same ones for the same sequence. */
  readonly random?: { readonly rate: number; readonly kinds: ReadonlyArray<FaultKind> };
  /** Checked in order, before `random`; the first rule that fires wins. */
  readonly rules?: ReadonlyArray<FaultRule>;
}

const NonNegative = Schema.Number.pipe(Schema.finite(), Schema.nonNegative());
const Count = Schema.Number.pipe(Schema.int(), Schema.nonNegative());
const Status = Schema.Number.pipe(Schema.int(), Schema.between(100, 599));

const FaultSchema = Schema.Union(
  Schema.Struct({
    kind: Schema.Literal('status'),
    status: Status,
    retryAfter: Schema.optional(Schema.String),
    body: Schema.optional(Schema.Unknown),
  }),
  Schema.Struct({ kind: Schema.Literal('reset') }),
  Schema.Struct({ kind: Schema.Literal('truncate') }),
  Schema.Struct({ kind: Schema.Literal('malformed') }),
  Schema.Struct({ kind: Schema.Literal('delay'), ms: NonNegative }),
  Schema.Struct({ kind: Schema.Literal('body'), status: Schema.optional(Status), body: Schema.Unknown }),
);

/** Checks a `FaultConfig` from JSON (PUT /_sandbox/faults) or from code. */
export const FaultConfigSchema: Schema.Schema<FaultConfig> = Schema.Struct({
  latencyMs: Schema.optional(NonNegative),
  rateLimit: Schema.optional(
    Schema.Struct({
      requestsPerSecond: Schema.Number.pipe(Schema.finite(), Schema.positive()),
      burst: Schema.optional(Schema.Number.pipe(Schema.int(), Schema.positive())),
      retryAfter: Schema.optional(Schema.Literal('seconds', 'http-date', 'none')),
    }),
  ),
  random: Schema.optional(
    Schema.Struct({
      rate: Schema.Number.pipe(Schema.between(0, 1)),
      kinds: Schema.Array(Schema.Literal('status-500', 'status-502', 'status-503', 'reset', 'truncate', 'malformed')),
    }),
  ),
  rules: Schema.optional(
    Schema.Array(
      Schema.Struct({
        match: Schema.Struct({
          method: Schema.optional(Schema.String),
          path: Schema.optional(Schema.String),
          pathPrefix: Schema.optional(Schema.String),
          query: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String })),
        }),
        skip: Schema.optional(Count),
        times: Schema.optional(Count),
        fault: FaultSchema,
      }),
    ),
  ),
});
