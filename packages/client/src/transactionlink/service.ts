/**
 * The TransactionLink organization API as an Effect service: `Context.Tag` + `Layer`.
 *
 * @module
 */
import { TransactionLinkSdk } from '@rollcall/transactionlink-fetch';
import { createClient } from '@rollcall/transactionlink-fetch/client';
import { Context, Effect, Layer } from 'effect';
import type { ConfigError } from '../core/errors.js';
import {
  makeTransactionLinkConfig,
  type TransactionLinkConfig,
  type TransactionLinkConfigInput,
  transactionLinkConfigFromEnv,
} from './config.js';
import { type EnrollmentsResource, makeEnrollments } from './enrollments.js';
import { makeRoles, type RolesResource } from './roles.js';
import { responseSchemas } from './schemas.js';
import { makeUsers, type UsersResource } from './users.js';
import { makeWorkspaces, type WorkspacesResource } from './workspaces.js';

/**
 * Every operation of the TransactionLink organization API, grouped by resource. Each call retries
 * per the client's policy, times out per attempt, decodes its response against the spec and fails
 * with a {@link TransactionLinkError}.
 */
export interface TransactionLinkService {
  readonly users: UsersResource;
  readonly roles: RolesResource;
  readonly workspaces: WorkspacesResource;
  readonly enrollments: EnrollmentsResource;
  /** The validated configuration: base URL, settings, and the token as a `Redacted`. */
  readonly config: TransactionLinkConfig;
}

/** Builds the service over a validated configuration. */
export const makeTransactionLinkService = (config: TransactionLinkConfig): TransactionLinkService => {
  // The SDK class carries its own client; hey-api's flat functions would spread a `client`
  // option into RequestInit, which Deno reads as a Deno.HttpClient.
  const sdk = new TransactionLinkSdk({
    client: createClient({ baseUrl: config.baseUrl, fetch: config.settings.fetch }),
  });
  const context = { config, sdk, schemas: responseSchemas() };
  return {
    users: makeUsers(context),
    roles: makeRoles(context),
    workspaces: makeWorkspaces(context),
    enrollments: makeEnrollments(context),
    config,
  };
};

/**
 * The TransactionLink service. Provide it with {@link TransactionLink.layer} (configuration in
 * code) or {@link TransactionLink.layerFromEnv} (`TRANSACTIONLINK_TOKEN`, `TRANSACTIONLINK_BASE_URL`).
 *
 * @example
 * ```ts
 * const program = Effect.gen(function* () {
 *   const tl = yield* TransactionLink;
 *   return yield* Stream.runCollect(tl.users.stream());
 * });
 * program.pipe(Effect.provide(TransactionLink.layerFromEnv()), Effect.runPromise);
 * ```
 */
export class TransactionLink extends Context.Tag('@rollcall/client/TransactionLink')<
  TransactionLink,
  TransactionLinkService
>() {
  /** Validates `config` and builds the service; a ConfigError names the unusable setting. */
  static readonly make = (config: TransactionLinkConfigInput): Effect.Effect<TransactionLinkService, ConfigError> =>
    Effect.map(makeTransactionLinkConfig(config), makeTransactionLinkService);

  /** The service from configuration given in code. */
  static readonly layer = (config: TransactionLinkConfigInput): Layer.Layer<TransactionLink, ConfigError> =>
    Layer.effect(TransactionLink, TransactionLink.make(config));

  /**
   * The service from `TRANSACTIONLINK_TOKEN` (read as a redacted secret) and
   * `TRANSACTIONLINK_BASE_URL` (default https://api.transactionlink.io), through Effect's
   * ConfigProvider; `overrides` win over the environment.
   */
  static readonly layerFromEnv = (
    overrides?: Partial<TransactionLinkConfigInput>,
  ): Layer.Layer<TransactionLink, ConfigError> =>
    Layer.effect(TransactionLink, Effect.map(transactionLinkConfigFromEnv(overrides), makeTransactionLinkService));
}
