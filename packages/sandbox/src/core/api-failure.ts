import { Schema } from 'effect';

/** One entry of an error answer: a machine-readable code and a message for people. */
export const ErrorDetail = Schema.Struct({ code: Schema.String, message: Schema.String });
export type ErrorDetail = typeof ErrorDetail.Type;

/**
 * An API request that is answered with an error status. Handlers throw it; the core turns it
 * into the API's own error body (each API module formats errors its way).
 */
export class ApiFailure extends Schema.TaggedError<ApiFailure>()('ApiFailure', {
  status: Schema.Number,
  errors: Schema.Array(ErrorDetail),
  headers: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String })),
}) {
  static of(status: number, code: string, message: string, headers?: Record<string, string>): ApiFailure {
    return new ApiFailure({ status, errors: [{ code, message }], ...(headers ? { headers } : {}) });
  }

  static notFound(message: string): ApiFailure {
    return ApiFailure.of(404, 'NOT_FOUND', message);
  }
}
