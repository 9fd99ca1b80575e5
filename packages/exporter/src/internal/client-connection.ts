/**
 * What every source built on `@rollcall/client` does alike: the client options that let an
 * export count requests and retries and bound the requests in flight, a client ConfigError turned
 * into a UsageError naming the flag or environment variable to fix, and a client error into a
 * SourceFailure naming the entity.
 */
import { type ApiError, type ClientOptions, type ConfigError, UNTRUSTED_CERTIFICATE } from '@rollcall/client';
import type * as Redacted from 'effect/Redacted';
import { SourceFailure, UsageError } from '../errors.js';
import type { ConnectOptions } from '../source.js';
import { FetchLimiter } from './limit-fetch.js';

/** The client settings an export passes: `--token-file`'s token and `--base-url` when given, fetch and observer. */
export interface ClientOverrides extends ClientOptions {
  readonly token?: Redacted.Redacted<string>;
  readonly baseUrl?: string;
}

/**
 * Requests in flight as the API's answers allow, `--concurrency` at most, over `lanes` lanes (see
 * {@link FetchLimiter}); its figures go to the observer for the manifest.
 */
export const fetchLimiter = (options: ConnectOptions, lanes = 1): FetchLimiter => {
  const limiter = new FetchLimiter((input, init) => globalThis.fetch(input, init), options.concurrency, lanes);
  options.observer.flights?.(() => limiter.stats());
  return limiter;
};

/**
 * Client settings for an export: flags over environment variables, `--timeout`, requests sent
 * through `fetch` (by default one lane of a {@link fetchLimiter}); bodies decoded tolerantly
 * unless `--strict`, each deviation reported for the entity `entityOfPath` names from the
 * request's path.
 */
export const clientOverrides = (
  options: ConnectOptions,
  fetch: typeof globalThis.fetch = fetchLimiter(options).lane(0),
  entityOfPath: (path: string) => string = (path) => path,
): ClientOverrides => ({
  ...(options.token === undefined ? {} : { token: options.token }),
  ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
  ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
  fetch,
  decode: options.strict === true ? 'strict' : 'tolerant',
  observer: {
    onDeviation: (event) => options.observer.deviations?.(entityOfPath(event.path), event.deviations),
    onRequest: () => options.observer.request(),
    onRetry: (event) => options.observer.retry(event),
    onRateLimitWait: (event) => options.observer.rateLimitWait?.(event),
  },
});

/** Client settings given in code, by the flag that gave them. */
const SETTING_FLAGS: Readonly<Record<string, string>> = { token: '--token-file', baseUrl: '--base-url' };

/**
 * A client ConfigError as the CLI's UsageError (exit 2): a setting given by a flag is named by
 * the flag, one read from the environment by its variable; a missing token also points to
 * `--token-file`.
 */
export const configUsageError =
  (tokenVariable: string, options: ConnectOptions) =>
  (error: ConfigError): UsageError => {
    const flag = SETTING_FLAGS[error.setting];
    if (flag !== undefined) return new UsageError({ message: `${flag}: ${error.message}` });
    if (error.setting === tokenVariable && options.token === undefined) {
      return new UsageError({ message: `${error.message}; or pass --token-file PATH (never the token itself)` });
    }
    return new UsageError({ message: error.message });
  };

/** A client error that ended the fetch of `entityName` (after the client's retries). */
export const sourceFailure =
  (entityName: string) =>
  (error: ApiError): SourceFailure =>
    new SourceFailure({
      entity: entityName,
      reason: error._tag,
      message: `${entityName}: ${error.message}${hintFor(error)}`,
    });

const CROSS_ORIGIN_HINT =
  "; a snapshot is only taken from the base URL's own origin: point the base URL at where the API answers";

// Node, Deno and Bun all read NODE_EXTRA_CA_CERTS at start-up.
const UNTRUSTED_CERTIFICATE_HINT =
  '; if a proxy inspects TLS or the API uses a private CA, set NODE_EXTRA_CA_CERTS to that CA certificate (a PEM file)';

/** What the user can do about `error`, when the CLI knows. */
const hintFor = (error: ApiError): string => {
  if (error._tag === 'CrossOriginRedirect') return CROSS_ORIGIN_HINT;
  if (error._tag === 'Transport' && error.reason === UNTRUSTED_CERTIFICATE) return UNTRUSTED_CERTIFICATE_HINT;
  return '';
};

/** Where the token came from, for the manifest: `--token-file` (or what the caller said) over the variable. */
export const tokenSourceOf = (tokenVariable: string, options: ConnectOptions): string =>
  options.token === undefined ? tokenVariable : (options.tokenSource ?? 'token option');
