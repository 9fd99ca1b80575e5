/**
 * What one vendor API contributes to the sandbox: its spec, a handler per operation, how it
 * authenticates and how it words errors. The core does routing, validation, faults, the
 * request log and the control API for every module alike.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ErrorDetail } from './api-failure.js';
import type { ApiResponse } from './api-response.js';
import type { ControlRoute } from './control/control-route.js';
import type { OpenApiDocument } from './openapi/document.js';
import type { Operation } from './openapi/operations.js';
import type { ValidatedRequest } from './openapi/request-validator.js';
import type { RateLimitReporting } from './rate-limit-reporting.js';

/** An API request as the module sees it, its path relative to the module's mount point. */
export interface IncomingApiRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly bodyText: string;
}

/** A validated request for one operation, with whoever `authorize` said is calling. */
export interface OperationRequest<Principal> extends ValidatedRequest {
  readonly operation: Operation;
  readonly principal: Principal;
}

/** Answers one operation; throws `ApiFailure` for an error answer. */
export type OperationHandler<Principal> = (request: OperationRequest<Principal>) => ApiResponse;

export interface ApiModule<Principal = unknown> {
  /** For messages, e.g. `transactionlink`. */
  readonly name: string;
  /** Path prefix the spec's paths are served under: `''`, or `'/v1'` for a spec whose server URL ends in /v1. */
  readonly mount: string;
  readonly document: OpenApiDocument;
  /** One handler per operationId of `document`; the core refuses to start when one is missing. */
  readonly handlers: Readonly<Record<string, OperationHandler<Principal>>>;
  /** Runs before validation; throws `ApiFailure` (401, 403) to refuse the request. */
  readonly authorize: (request: IncomingApiRequest, operation: Operation) => Principal;
  /** The body of an error answer, in this API's format. */
  readonly errorBody: (status: number, errors: ReadonlyArray<ErrorDetail>) => unknown;
  /** How the API reports its rate limit; default `Retry-After` on 429s only (`retryAfterReporting`). */
  readonly rateLimitReporting?: RateLimitReporting;
  /** Extra routes under the control prefix (`/_sandbox`). */
  readonly control?: ReadonlyArray<ControlRoute>;
}

/** Erases the principal type so modules of different APIs can sit in one list. */
export const defineApiModule = <Principal>(module: ApiModule<Principal>): ApiModule => module as unknown as ApiModule;
