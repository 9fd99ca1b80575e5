/**
 * GitBook client configuration, from arguments or from the environment, validated before the
 * first request.
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
import { gitBookProtocol } from './protocol.js';

/** The production API, `/v1` included. */
export const DEFAULT_GITBOOK_BASE_URL = 'https://api.gitbook.com/v1';

/** What a caller passes to make a GitBook client. */
export interface GitBookConfigInput extends ClientOptions {
  /** API token, sent as `Authorization: Bearer <token>`: non-empty, without whitespace or a `Bearer ` prefix. */
  readonly token: string | Redacted.Redacted<string>;
  /** The organization every call works on: letters, digits, `_` and `-`. */
  readonly organizationId: string;
  /** Default `https://api.gitbook.com/v1` (`/v1` included); https only, http for 127.0.0.1, ::1 and localhost. */
  readonly baseUrl?: string;
}

/** A validated configuration. The token stays `Redacted`: it prints as `<redacted>`. */
export interface GitBookConfig {
  readonly token: Redacted.Redacted<string>;
  /** Without a trailing slash, `/v1` included. */
  readonly baseUrl: string;
  readonly organizationId: string;
  readonly settings: ClientSettings;
}

/** Why `token` is not usable as a Bearer token, without repeating any of it; `undefined` if it is. */
export const gitBookTokenProblem = (token: string): string | undefined => {
  if (token === '') return 'must not be empty';
  if (/^bearer\s/i.test(token)) return 'must be the token itself, without a "Bearer " prefix';
  if (/\s/.test(token)) return 'must not contain whitespace (a trailing newline from a file?)';
  return undefined;
};

const ORGANIZATION_ID = /^[a-zA-Z0-9_-]+$/;

/** Why `id` is not a GitBook organization id; `undefined` if it is one. */
export const organizationIdProblem = (id: string): string | undefined => {
  if (id === '') return 'must not be empty';
  if (!ORGANIZATION_ID.test(id)) return 'must contain only letters, digits, "_" and "-" (a GitBook organization id)';
  return undefined;
};

interface Labels {
  readonly token: string;
  readonly organizationId: string;
  readonly baseUrl: string;
}

const check = (problem: string | undefined, setting: string): Either.Either<void, ConfigError> =>
  problem === undefined ? Either.void : Either.left(new ConfigError({ setting, message: `${setting} ${problem}` }));

const validate = (input: GitBookConfigInput, labels: Labels): Either.Either<GitBookConfig, ConfigError> =>
  Either.gen(function* () {
    const token = Redacted.isRedacted(input.token) ? input.token : Redacted.make(input.token);
    yield* check(gitBookTokenProblem(Redacted.value(token)), labels.token);
    yield* check(organizationIdProblem(input.organizationId), labels.organizationId);
    const baseUrl = yield* validateBaseUrl(input.baseUrl ?? DEFAULT_GITBOOK_BASE_URL, labels.baseUrl);
    const settings = yield* makeClientSettings(input, [token], gitBookProtocol);
    return { token, baseUrl, organizationId: input.organizationId, settings };
  });

/** Validates a configuration given in code. */
export const makeGitBookConfig = (input: GitBookConfigInput): Effect.Effect<GitBookConfig, ConfigError> =>
  validate(input, { token: 'token', organizationId: 'organizationId', baseUrl: 'baseUrl' });

/**
 * Reads `GITBOOK_TOKEN` (as a redacted secret), `GITBOOK_ORGANIZATION_ID` and `GITBOOK_BASE_URL`
 * (default https://api.gitbook.com/v1) from Effect's ConfigProvider (the environment by default);
 * `overrides` win over all three. A missing token or organization is a ConfigError naming the variable.
 */
export const gitBookConfigFromEnv = (
  overrides: Partial<GitBookConfigInput> = {},
): Effect.Effect<GitBookConfig, ConfigError> =>
  Effect.gen(function* () {
    const token = yield* fromCodeOrEnv('token', overrides.token, 'GITBOOK_TOKEN', Config.redacted('GITBOOK_TOKEN'));
    const organizationId = yield* fromCodeOrEnv(
      'organizationId',
      overrides.organizationId,
      'GITBOOK_ORGANIZATION_ID',
      Config.string('GITBOOK_ORGANIZATION_ID'),
    );
    const baseUrl = yield* fromCodeOrEnv(
      'baseUrl',
      overrides.baseUrl,
      'GITBOOK_BASE_URL',
      Config.string('GITBOOK_BASE_URL'),
    );
    return yield* validate(
      {
        ...overrides,
        token: yield* required(token, 'export a GitBook API token'),
        organizationId: yield* required(organizationId, 'export the id of the GitBook organization to work on'),
        ...(baseUrl.value === undefined ? {} : { baseUrl: baseUrl.value }),
      },
      { token: token.setting, organizationId: organizationId.setting, baseUrl: baseUrl.setting },
    );
  });
