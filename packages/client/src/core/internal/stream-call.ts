/**
 * An unpaged list read as a stream: the request is sent and retried like any call until a 2xx
 * arrives, then the body's array is read item by item as its bytes arrive, each item decoded on
 * its own (strictly, or tolerantly with its deviations reported) and emitted at once. Memory
 * holds one chunk of the body, never the whole list.
 *
 * A body that breaks off (connection cut, no chunk within the attempt timeout, text that is not
 * JSON: malformed in transit, as a whole body's would be retried) is read again
 * from the start, within the retry policy's retries: the items already emitted are skipped, after
 * checking that the new body starts with the same text (a fingerprint of their source), and the
 * stream goes on where it stopped. A list that changed in between fails the stream (Transport):
 * it cannot be continued without duplicates or gaps.
 */
import * as Effect from 'effect/Effect';
import * as Either from 'effect/Either';
import * as Option from 'effect/Option';
import * as Random from 'effect/Random';
import type * as Schema from 'effect/Schema';
import * as Stream from 'effect/Stream';
import { specDeviations } from '../../internal/spec-deviations.js';
import { validate } from '../../openapi-schema.js';
import type { CallOptions } from '../call-options.js';
import { type ClientSettings, withCallOptions } from '../client-settings.js';
import type { Deviation } from '../deviation.js';
import { type ApiError, Decode, Timeout, Transport } from '../errors.js';
import { notify } from '../observer.js';
import { backoffDelay } from '../retry-policy.js';
import type { Operation } from './call.js';
import { execute } from './execute.js';
import { JsonArrayItems } from './json-array-items.js';
import { describeNetworkError } from './network-error.js';
import { scrub } from './scrub.js';

/** A list operation whose body is an array of `item`. */
export interface ListOperation extends Omit<Operation, 'response' | 'envelope'> {
  readonly item: Schema.Schema<unknown>;
}

/** One read of the body: where it comes from. */
interface BodyContext {
  readonly operation: ListOperation;
  readonly settings: ClientSettings;
  readonly status: number;
  readonly attempts: number;
}

/** How far the stream got over every read of the body: items emitted, and a fingerprint of their source. */
interface Progress {
  emitted: number;
  fingerprint: number;
}

const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a (32 bits) of `text`, continuing from `hash`. */
const fnv1a = (hash: number, text: string): number => {
  let h = hash;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
};

/** Failures of a body that broke off, which reading it again may cure. */
const brokeOff = new WeakSet<object>();

const transportError = (context: BodyContext, reason: string): Transport =>
  new Transport({
    method: context.operation.method,
    path: context.operation.path,
    attempts: context.attempts,
    status: context.status,
    errors: [],
    reason: scrub(reason, context.settings.secrets),
  });

const markBrokeOff = <E extends object>(error: E): E => {
  brokeOff.add(error);
  return error;
};

/** The next chunk of the body, `None` at its end; no chunk within the attempt timeout is a Timeout. */
const nextChunk = (
  reader: ReadableStreamDefaultReader<Uint8Array>,
  context: BodyContext,
): Effect.Effect<Option.Option<Uint8Array>, ApiError> => {
  const read = Effect.tryPromise({
    try: () => reader.read(),
    catch: (error) =>
      markBrokeOff(transportError(context, `${describeNetworkError(error).reason} while reading the response body`)),
  });
  const { timeoutMs } = context.settings;
  const timed = Number.isFinite(timeoutMs)
    ? read.pipe(
        Effect.timeoutFail({
          duration: timeoutMs,
          onTimeout: () =>
            markBrokeOff(
              new Timeout({
                method: context.operation.method,
                path: context.operation.path,
                attempts: context.attempts,
                status: context.status,
                errors: [],
                scope: 'attempt',
                timeoutMs,
              }),
            ),
        }),
      )
    : read;
  return Effect.map(timed, (result) => (result.done ? Option.none() : Option.some(result.value)));
};

/** Items decoded against the operation's item schema, or the Decode error of the first that is not. */
const decodeItems = <A>(
  context: BodyContext,
  items: ReadonlyArray<unknown>,
  firstIndex: number,
): Either.Either<{ readonly items: ReadonlyArray<A>; readonly deviations: ReadonlyArray<Deviation> }, Decode> => {
  const { operation, settings } = context;
  const at = (index: number, path: string) => (path === '' ? String(index) : `${index}.${path}`);
  if (settings.decode === 'tolerant') {
    const deviations = items.flatMap((item, offset) =>
      specDeviations(operation.item, item).map((deviation) => ({
        ...deviation,
        path: at(firstIndex + offset, deviation.path),
        value: scrub(deviation.value, settings.secrets),
      })),
    );
    return Either.right({ items: items as ReadonlyArray<A>, deviations });
  }
  for (let offset = 0; offset < items.length; offset++) {
    const checked = validate(operation.item, items[offset]);
    if (Either.isLeft(checked)) {
      return Either.left(
        new Decode({
          method: operation.method,
          path: operation.path,
          attempts: context.attempts,
          status: context.status,
          errors: [],
          issues: checked.left.map(({ path, message }) => ({
            path: at(firstIndex + offset, path),
            message: scrub(message, settings.secrets),
          })),
        }),
      );
    }
  }
  return Either.right({ items: items as ReadonlyArray<A>, deviations: [] });
};

/**
 * The items of a 2xx body's array, chunk by chunk, after the `progress.emitted` items an earlier
 * read emitted (which this read must repeat, text for text).
 */
const bodyItems = <A>(
  body: ReadableStream<Uint8Array> | null,
  context: BodyContext,
  progress: Progress,
): Stream.Stream<A, ApiError> => {
  if (body === null) return Stream.fail(transportError(context, 'the response has no body (an array was expected)'));
  const skip = progress.emitted;
  let replayed = FNV_OFFSET;
  let sources: Array<string> = [];
  const parser = new JsonArrayItems((source) => sources.push(source));
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let ended = false;

  /** The new items of a chunk's text (those past `skip`), the repeated ones checked against the earlier read. */
  const parse = (
    text: string,
    last: boolean,
  ): Either.Either<{ items: Array<unknown>; firstIndex: number }, Transport> => {
    const firstIndex = parser.count;
    sources = [];
    let items: Array<unknown>;
    try {
      items = parser.push(text);
      if (last) parser.end();
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'unparsable';
      // Like a dropped connection (see Transport): malformed in transit, so read again.
      return Either.left(markBrokeOff(transportError(context, `response body is not valid JSON: ${reason}`)));
    }
    let fresh = 0;
    for (let offset = 0; offset < items.length; offset++) {
      const index = firstIndex + offset;
      const source = sources[offset] ?? '';
      if (index < skip) {
        replayed = fnv1a(replayed, source);
        if (index === skip - 1 && replayed !== progress.fingerprint) {
          return Either.left(
            transportError(
              context,
              `the list changed while it was read again after its body broke off (item ${index})`,
            ),
          );
        }
      } else {
        progress.fingerprint = fnv1a(progress.fingerprint, source);
        fresh++;
      }
    }
    if (last && parser.count < skip) {
      return Either.left(
        transportError(context, `the list got shorter while it was read again (${parser.count} < ${skip})`),
      );
    }
    const start = items.length - fresh;
    return Either.right({ items: start === 0 ? items : items.slice(start), firstIndex: firstIndex + start });
  };

  return Stream.unwrapScoped(
    Effect.map(
      Effect.acquireRelease(
        Effect.sync(() => body.getReader()),
        (reader) => Effect.promise(() => reader.cancel().catch(() => undefined)),
      ),
      (reader) => {
        // One chunk's new items; `None` as the error once the body has ended (repeatEffectOption's end).
        const step: Effect.Effect<ReadonlyArray<A>, Option.Option<ApiError>> = Effect.gen(function* () {
          if (ended) return yield* Effect.fail(Option.none());
          const chunk = yield* Effect.mapError(nextChunk(reader, context), Option.some);
          const last = Option.isNone(chunk);
          if (last) ended = true;
          const text = yield* Effect.try({
            try: () => (last ? decoder.decode() : decoder.decode(chunk.value, { stream: true })),
            catch: () =>
              Option.some<ApiError>(markBrokeOff(transportError(context, 'response body is not valid UTF-8'))),
          });
          const parsed = parse(text, last);
          if (Either.isLeft(parsed)) return yield* Effect.fail(Option.some<ApiError>(parsed.left));
          const decoded = decodeItems<A>(context, parsed.right.items, parsed.right.firstIndex);
          if (Either.isLeft(decoded)) return yield* Effect.fail(Option.some<ApiError>(decoded.left));
          const { deviations } = decoded.right;
          if (deviations.length > 0) {
            yield* notify(context.settings.observer, 'onDeviation', {
              method: context.operation.method,
              path: context.operation.path,
              status: context.status,
              deviations,
            });
          }
          progress.emitted += decoded.right.items.length;
          return decoded.right.items;
        });
        return Stream.repeatEffectOption(step).pipe(Stream.flattenIterables);
      },
    ),
  );
};

/**
 * The items of `operation`'s array body, with `settings` overridden by `options`, as they arrive
 * (see the module's description). Invalid per-call options are a defect (a ConfigError).
 */
export const streamList = <A>(
  operation: ListOperation,
  settings: ClientSettings,
  options?: CallOptions,
): Stream.Stream<A, ApiError> =>
  Stream.unwrap(
    Effect.gen(function* () {
      const effective = withCallOptions(settings, options);
      if (Either.isLeft(effective)) return yield* Effect.die(effective.left);
      const resolved = effective.right;
      const clock = yield* Effect.clock;
      const progress: Progress = { emitted: 0, fingerprint: FNV_OFFSET };
      const { method, path } = operation;

      const read = (rereads: number): Stream.Stream<A, ApiError> =>
        Stream.unwrap(
          Effect.map(
            execute({ ...operation, reading: 'stream' }, resolved, clock, (answer) => Either.right(answer)),
            (response) =>
              bodyItems<A>(
                response.body as ReadableStream<Uint8Array> | null,
                { operation, settings: resolved, status: response.status, attempts: response.attempts },
                progress,
              ),
          ),
        ).pipe(
          Stream.catchAll((error) => {
            if (!brokeOff.has(error) || rereads >= resolved.retry.retries) return Stream.fail(error);
            return Stream.unwrap(
              Effect.gen(function* () {
                const delayMs = backoffDelay(resolved.retry, rereads + 1, yield* Random.next);
                const reason = `${error.message}; reading the list again from item ${progress.emitted}`;
                yield* notify(resolved.observer, 'onRetry', {
                  method,
                  path,
                  attempt: rereads + 1,
                  delayMs,
                  reason: scrub(reason, resolved.secrets),
                });
                yield* Effect.sleep(delayMs);
                return read(rereads + 1);
              }),
            );
          }),
        );
      return read(0);
    }),
  );
