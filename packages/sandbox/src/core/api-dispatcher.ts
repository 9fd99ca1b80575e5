/**
 * Serves one API module: route → authorize → validate → handler, with every refusal answered
 * in the module's error format and every body sent with the media type its spec declares.
 */
import { makeOpenApiSchemas } from '@rollcall/client/openapi-schema';
import { ApiFailure, type ErrorDetail } from './api-failure.js';
import type { ApiModule, IncomingApiRequest } from './api-module.js';
import type { ApiResponse } from './api-response.js';
import { declaredContentType, type Operation, readOperations } from './openapi/operations.js';
import { makeRequestValidator, type RequestValidator } from './openapi/request-validator.js';
import { type RateLimitReporting, type RateLimitStatus, retryAfterReporting } from './rate-limit-reporting.js';
import { Router } from './router.js';
import type { OutgoingResponse } from './send-response.js';

interface Route {
  readonly operation: Operation;
  readonly validate: RequestValidator;
}

export interface Dispatched {
  readonly response: ApiResponse;
  /** The operation the request was routed to, if any. */
  readonly operation?: Operation;
}

export class ApiDispatcher {
  private readonly router = new Router<Route>();
  private readonly rateLimitReporting: RateLimitReporting;
  readonly operations: ReadonlyArray<Operation>;

  constructor(readonly module: ApiModule) {
    this.rateLimitReporting = module.rateLimitReporting ?? retryAfterReporting;
    this.operations = readOperations(module.document);
    const schemas = makeOpenApiSchemas(module.document.components?.schemas ?? {});
    const missing = this.operations.filter((operation) => !module.handlers[operation.id]).map((o) => o.id);
    if (missing.length > 0) throw new Error(`${module.name}: no handler for ${missing.join(', ')}`);
    for (const operation of this.operations) {
      this.router.add(operation.method, operation.path, {
        operation,
        validate: makeRequestValidator(operation, module.document, schemas),
      });
    }
  }

  dispatch(request: IncomingApiRequest): Dispatched {
    const match = this.router.match(request.method, request.path);
    if (match.kind === 'not-found') {
      return { response: this.error(ApiFailure.notFound(`No route for ${request.method} ${request.path}`)) };
    }
    if (match.kind === 'method-not-allowed') {
      const allow = match.allow.join(', ');
      return {
        response: this.error(
          ApiFailure.of(405, 'METHOD_NOT_ALLOWED', `${request.method} is not supported here; use ${allow}`, {
            Allow: allow,
          }),
        ),
      };
    }
    const { operation, validate } = match.value;
    try {
      const principal = this.module.authorize(request, operation);
      const input = validate({
        pathParams: match.params,
        query: request.query,
        contentType: headerValue(request.headers['content-type']),
        bodyText: request.bodyText,
      });
      const handler = this.module.handlers[operation.id]!;
      return { operation, response: handler({ ...input, operation, principal }) };
    } catch (cause) {
      if (cause instanceof ApiFailure) return { operation, response: this.error(cause) };
      const message = cause instanceof Error ? cause.message : String(cause);
      return {
        operation,
        response: this.error(ApiFailure.of(500, 'INTERNAL_SERVER_ERROR', `Unexpected sandbox error: ${message}`)),
      };
    }
  }

  /** An error answer in the module's format. */
  error(failure: ApiFailure): ApiResponse {
    return this.errorWith(failure.status, failure.errors, failure.headers);
  }

  errorWith(
    status: number,
    errors: ReadonlyArray<ErrorDetail>,
    headers?: Readonly<Record<string, string>>,
  ): ApiResponse {
    return { status, body: this.module.errorBody(status, errors), ...(headers ? { headers } : {}) };
  }

  /** The 429 the rate limit answers with, in the API's way. */
  rateLimited(): ApiResponse {
    return this.errorWith(429, [{ code: 'RATE_LIMITED', message: this.rateLimitReporting.message }]);
  }

  /** `response` with the API's rate-limit headers and then `extra` (a fault's) added. */
  withHeaders(
    response: ApiResponse,
    rateLimit: RateLimitStatus | undefined,
    extra: Readonly<Record<string, string>> = {},
  ): ApiResponse {
    const reported = this.rateLimitReporting.headers(rateLimit, response.status);
    return { ...response, headers: { ...response.headers, ...reported, ...extra } };
  }

  /** Serialized, with the media type the spec declares for this operation and status. */
  render(response: ApiResponse, operation: Operation | undefined): OutgoingResponse {
    const hasBody = response.body !== undefined;
    return {
      status: response.status,
      headers: response.headers ?? {},
      contentType: hasBody
        ? ((operation && declaredContentType(operation, response.status)) ?? 'application/json')
        : undefined,
      text: hasBody ? JSON.stringify(response.body) : undefined,
    };
  }
}

const headerValue = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;
