/**
 * TransactionLink client configuration, from arguments or from the environment, validated before
 * the first request.
 *
 * @module
 */
import { Config, Effect, Either, Option, Redacted } from 'effect';
import {
  type ClientOptions,
  type ClientSettings,
  makeClientSettings,
  validateBaseUrl,
} from '../core/client-settings.js';
import { ConfigError } from '../core/errors.js';

/** The production API. */
export const DEFAULT_TRANSACTIONLINK_BASE_URL = 'https://api.transactionlink.io';

/** What a caller passes to make a TransactionLink client. */
export interface TransactionLinkConfigInput extends ClientOptions {
  /** Organization token: `tot_` and 52 non-whitespace characters, sent as `Authorization` without `Bearer`. */
  readonly token: string | Redacted.Redacted<string>;
  /** Default `https://api.transactionlink.io`; https only, http for 127.0.0.1, ::1 and localhost. */
  readonly baseUrl?: string;
}

/** A validated configuration. The token stays `Redacted`: it prints as `<redacted>`. */
export interface TransactionLinkConfig {
  readonly token: Redacted.Redacted<string>;
  /** Without a trailing slash. */
  readonly baseUrl: string;
  readonly settings: ClientSettings;
}

const TOKEN = /^tot_\S{52}$/;

/** Why `token` is not an organization token, without repeating any of it; `undefined` if it is one. */
export const tokenProblem = (token: string): string | undefined => {
  if (TOKEN.test(token)) return undefined;
  if (/^bearer\s/i.test(token)) return 'must be the tot_… token itself, without a "Bearer " prefix';
  if (!token.startsWith('tot_')) return 'must start with "tot_" (a TransactionLink organization token)';
  if (/\s/.test(token)) return 'must not contain whitespace (a trailing newline from a file?)';
  return `must be "tot_" followed by 52 characters; it has ${token.length - 4}`;
};

const validate = (
  input: TransactionLinkConfigInput,
  labels: { readonly token: string; readonly baseUrl: string },
): Either.Either<TransactionLinkConfig, ConfigError> =>
  Either.gen(function* () {
    const token = Redacted.isRedacted(input.token) ? input.token : Redacted.make(input.token);
    const problem = tokenProblem(Redacted.value(token));
    if (problem)
      return yield* Either.left(new ConfigError({ setting: labels.token, message: `${labels.token} ${problem}` }));
    const baseUrl = yield* validateBaseUrl(input.baseUrl ?? DEFAULT_TRANSACTIONLINK_BASE_URL, labels.baseUrl);
    const settings = yield* makeClientSettings(input, [token]);
    return { token, baseUrl, settings };
  });

/** Validates a configuration given in code. */
export const makeTransactionLinkConfig = (
  input: TransactionLinkConfigInput,
): Effect.Effect<TransactionLinkConfig, ConfigError> => validate(input, { token: 'token', baseUrl: 'baseUrl' });

const optionalEnv = <A>(name: string, config: Config.Config<A>) =>
  Config.option(config).pipe(
    Effect.mapError(
      () => new ConfigError({ setting: name, message: `${name} could not be read from the environment` }),
    ),
  );

/**
 * Reads `TRANSACTIONLINK_TOKEN` (as a redacted secret) and `TRANSACTIONLINK_BASE_URL` (default
 * https://api.transactionlink.io) from Effect's ConfigProvider (the environment by default);
 * `overrides` win over both. A missing token is a ConfigError naming the variable.
 */
export const transactionLinkConfigFromEnv = (
  overrides: Partial<TransactionLinkConfigInput> = {},
): Effect.Effect<TransactionLinkConfig, ConfigError> =>
  Effect.gen(function* () {
    const envToken = yield* optionalEnv('TRANSACTIONLINK_TOKEN', Config.redacted('TRANSACTIONLINK_TOKEN'));
    const envBaseUrl = yield* optionalEnv('TRANSACTIONLINK_BASE_URL', Config.string('TRANSACTIONLINK_BASE_URL'));
    const token = overrides.token ?? Option.getOrUndefined(envToken);
    if (token === undefined) {
      return yield* new ConfigError({
        setting: 'TRANSACTIONLINK_TOKEN',
        message: 'TRANSACTIONLINK_TOKEN is not set: export the organization token (tot_…)',
      });
    }
    const baseUrl = overrides.baseUrl ?? Option.getOrUndefined(Option.filter(envBaseUrl, (url) => url.trim() !== ''));
    return yield* validate(
      { ...overrides, token, ...(baseUrl === undefined ? {} : { baseUrl }) },
      {
        token: overrides.token === undefined ? 'TRANSACTIONLINK_TOKEN' : 'token',
        baseUrl: overrides.baseUrl === undefined ? 'TRANSACTIONLINK_BASE_URL' : 'baseUrl',
      },
    );
  });
