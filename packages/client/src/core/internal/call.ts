/**
 * The core's entry point for a resource method: apply the call's options, execute the request
 * with retries, decode the body against the spec, all inside one span.
 */
import * as Clock from 'effect/Clock';
import * as Context from 'effect/Context';
import * as DefaultServices from 'effect/DefaultServices';
import * as Effect from 'effect/Effect';
import * as Either from 'effect/Either';
import type * as Schema from 'effect/Schema';
import * as Tracer from 'effect/Tracer';
import { specDeviations } from '../../internal/spec-deviations.js';
import { type SchemaIssue, validate } from '../../openapi-schema.js';
import type { CallOptions } from '../call-options.js';
import { type ClientSettings, withCallOptions } from '../client-settings.js';
import type { Deviation } from '../deviation.js';
import { type ApiError, Decode } from '../errors.js';
import { notify } from '../observer.js';
import { type ApiRequest, type ApiResponse, execute } from './execute.js';
import { scrub } from './scrub.js';

/** One operation of an API, ready to send. */
export interface Operation extends ApiRequest {
  /** Span name, e.g. `TransactionLink.users.list`. */
  readonly name: string;
  /** Schema of the 2xx body; absent when the operation answers without one (204). */
  readonly response?: Schema.Schema<unknown>;
  /**
   * What the client itself reads of the body (a list's items array, its paging fields): checked
   * strictly in tolerant mode too. Absent: nothing beyond a body that parsed as JSON.
   */
  readonly envelope?: Schema.Schema<unknown>;
}

/** A decoded 2xx answer and its status, for operations whose status carries meaning (204 vs 205). */
export interface CallResult<A> {
  readonly status: number;
  readonly body: A;
}

/** The tracer of a runtime without one installed: its spans reach no exporter. */
const builtInTracer = Context.get(DefaultServices.liveServices, Tracer.Tracer);

const decodeError = (
  operation: Operation,
  settings: ClientSettings,
  { status, attempts }: ApiResponse,
  issues: ReadonlyArray<SchemaIssue>,
): Decode =>
  new Decode({
    method: operation.method,
    path: operation.path,
    attempts,
    status,
    errors: [],
    issues: issues.map(({ path, message }) => ({ path, message: scrub(message, settings.secrets) })),
  });

/** The decoded body of `response`, or a Decode error naming every offending field. */
const decoded = <A>(
  operation: Operation,
  settings: ClientSettings,
  response: ApiResponse,
): Either.Either<A, Decode> => {
  if (!operation.response) return Either.right(undefined as A);
  return Either.mapLeft(validate(operation.response, response.body), (issues) =>
    decodeError(operation, settings, response, issues),
  ) as Either.Either<A, Decode>;
};

/** A tolerantly decoded body and how it differs from the spec. */
interface Tolerated<A> {
  readonly body: A;
  readonly deviations: ReadonlyArray<Deviation>;
}

/**
 * The body of `response` as received, with its deviations from `operation.response`; a Decode
 * error only when the envelope (what the client reads itself) does not match.
 */
const tolerated = <A>(
  operation: Operation,
  settings: ClientSettings,
  response: ApiResponse,
): Either.Either<Tolerated<A>, Decode> => {
  const { body } = response;
  if (!operation.response) return Either.right({ body: undefined as A, deviations: [] });
  if (operation.envelope) {
    const envelope = validate(operation.envelope, body);
    if (Either.isLeft(envelope)) return Either.left(decodeError(operation, settings, response, envelope.left));
  }
  const deviations = specDeviations(operation.response, body).map((deviation) => ({
    ...deviation,
    value: scrub(deviation.value, settings.secrets),
  }));
  return Either.right({ body: body as A, deviations });
};

/** {@link execute} with the body decoded tolerantly, its deviations reported to the observer. */
const tolerantCall = <A, B>(
  operation: Operation,
  settings: ClientSettings,
  clock: Clock.Clock,
  result: (body: A, response: ApiResponse) => B,
): Effect.Effect<B, ApiError> =>
  Effect.flatMap(
    execute(operation, settings, clock, (response) =>
      Either.map(tolerated<A>(operation, settings, response), ({ body, deviations }) => ({
        value: result(body, response),
        deviations,
        status: response.status,
      })),
    ),
    ({ value, deviations, status }) =>
      deviations.length === 0
        ? Effect.succeed(value)
        : Effect.as(
            notify(settings.observer, 'onDeviation', {
              method: operation.method,
              path: operation.path,
              status,
              deviations,
            }),
            value,
          ),
  );

/**
 * `operation` run with `settings` overridden by `options`, its response decoded and handed to
 * `result`, inside the client span of `operation` whatever tracer is installed (OpenTelemetry,
 * DevTools, a test's). Under Effect's built-in tracer, whose spans no one can read, no span is
 * made: a span and the context switch that makes it current cost more, measured, than all the
 * rest of a call's bookkeeping. Invalid per-call options are a defect (a ConfigError).
 */
const run = <A, B>(
  operation: Operation,
  settings: ClientSettings,
  options: CallOptions | undefined,
  result: (body: A, response: ApiResponse) => B,
): Effect.Effect<B, ApiError> =>
  // One look at the fiber for both the tracer and the clock: this runs on every call.
  Effect.withFiberRuntime((fiber) => {
    const services = fiber.getFiberRef(DefaultServices.currentServices);
    const effective = withCallOptions(settings, options);
    const call = Either.isLeft(effective)
      ? Effect.die(effective.left)
      : effective.right.decode === 'tolerant'
        ? tolerantCall(operation, effective.right, Context.get(services, Clock.Clock), result)
        : execute(operation, effective.right, Context.get(services, Clock.Clock), (response) =>
            Either.map(decoded<A>(operation, effective.right, response), (body) => result(body, response)),
          );
    return Context.get(services, Tracer.Tracer) === builtInTracer
      ? call
      : Effect.withSpan(call, operation.name, {
          kind: 'client',
          // The call site would be this module, never the caller's code; capturing it costs an Error per call.
          captureStackTrace: false,
          attributes: { 'http.request.method': operation.method, 'url.path': operation.path },
        });
  });

/**
 * Runs `operation` with `settings` overridden by `options`. The body is decoded against
 * `operation.response` (required fields strict, unknown fields kept) and typed as `A`, the
 * generated type of the same schema; in tolerant mode (see ClientOptions.decode) it is returned
 * as received, its deviations reported to the observer. Invalid per-call options are a defect (a ConfigError).
 */
export const callWithStatus = <A>(
  operation: Operation,
  settings: ClientSettings,
  options?: CallOptions,
): Effect.Effect<CallResult<A>, ApiError> =>
  run<A, CallResult<A>>(operation, settings, options, (body, { status }) => ({ status, body }));

/** {@link callWithStatus}, for the body alone. */
export const call = <A>(
  operation: Operation,
  settings: ClientSettings,
  options?: CallOptions,
): Effect.Effect<A, ApiError> => run<A, A>(operation, settings, options, (body) => body);
