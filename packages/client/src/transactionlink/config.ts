/**
 * TransactionLink client configuration, from arguments or from the environment, validated before
 * the first request.
 *
 * @module
 */
import { Config, Effect, Either, Redacted } from 'effect';
import {
  type ClientOptions,
  type ClientSettings,
  makeClientSettings,
  validateBaseUrl,
} from '../core/client-settings.js';
import { ConfigError } from '../core/errors.js';
import { fromCodeOrEnv, required } from '../core/internal/env.js';
import { transactionLinkProtocol } from './protocol.js';

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
    const settings = yield* makeClientSettings(input, [token], transactionLinkProtocol);
    return { token, baseUrl, settings };
  });

/** Validates a configuration given in code. */
export const makeTransactionLinkConfig = (
  input: TransactionLinkConfigInput,
): Effect.Effect<TransactionLinkConfig, ConfigError> => validate(input, { token: 'token', baseUrl: 'baseUrl' });

/**
 * Reads `TRANSACTIONLINK_TOKEN` (as a redacted secret) and `TRANSACTIONLINK_BASE_URL` (default
 * https://api.transactionlink.io) from Effect's ConfigProvider (the environment by default);
 * `overrides` win over both. A missing token is a ConfigError naming the variable.
 */
export const transactionLinkConfigFromEnv = (
  overrides: Partial<TransactionLinkConfigInput> = {},
): Effect.Effect<TransactionLinkConfig, ConfigError> =>
  Effect.gen(function* () {
    const token = yield* fromCodeOrEnv(
      'token',
      overrides.token,
      'TRANSACTIONLINK_TOKEN',
      Config.redacted('TRANSACTIONLINK_TOKEN'),
    );
    const baseUrl = yield* fromCodeOrEnv(
      'baseUrl',
      overrides.baseUrl,
      'TRANSACTIONLINK_BASE_URL',
      Config.string('TRANSACTIONLINK_BASE_URL'),
    );
    return yield* validate(
      {
        ...overrides,
        token: yield* required(token, 'export the organization token (tot_…)'),
        ...(baseUrl.value === undefined ? {} : { baseUrl: baseUrl.value }),
      },
      { token: token.setting, baseUrl: baseUrl.setting },
    );
  });
