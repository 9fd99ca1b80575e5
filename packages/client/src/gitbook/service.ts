/**
 * GitBook's organization invites and members as an Effect service: `Context.Tag` + `Layer`.
 *
 * @module
 */
import { GitBookSdk } from '@rollcall/gitbook-fetch';
import { createClient } from '@rollcall/gitbook-fetch/client';
import { Context, Effect, Layer } from 'effect';
import type { ConfigError } from '../core/errors.js';
import { type GitBookConfig, type GitBookConfigInput, gitBookConfigFromEnv, makeGitBookConfig } from './config.js';
import { type InviteLinksResource, makeInviteLinks } from './invite-links.js';
import { type InvitesResource, makeInvites } from './invites.js';
import { type MembersResource, makeMembers } from './members.js';
import { responseSchemas } from './schemas.js';

/**
 * GitBook's organization invites, invite links and members, for one organization. Each call
 * retries per the client's policy, waits as GitBook's `X-RateLimit-*` headers ask, times out per
 * attempt, decodes its response against the spec and fails with a {@link GitBookError}.
 */
export interface GitBookInvitesService {
  readonly invites: InvitesResource;
  readonly inviteLinks: InviteLinksResource;
  readonly members: MembersResource;
  /** The validated configuration: base URL, organization, settings, and the token as a `Redacted`. */
  readonly config: GitBookConfig;
}

/** Builds the service over a validated configuration. */
export const makeGitBookInvitesService = (config: GitBookConfig): GitBookInvitesService => {
  // The SDK class carries its own client (see makeTransactionLinkService for why not the flat functions).
  const sdk = new GitBookSdk({ client: createClient({ baseUrl: config.baseUrl, fetch: config.settings.fetch }) });
  const context = { config, sdk, schemas: responseSchemas() };
  return {
    invites: makeInvites(context),
    inviteLinks: makeInviteLinks(context),
    members: makeMembers(context),
    config,
  };
};

/**
 * The GitBook service. Provide it with {@link GitBookInvites.layer} (configuration in code) or
 * {@link GitBookInvites.layerFromEnv} (`GITBOOK_TOKEN`, `GITBOOK_ORGANIZATION_ID`, `GITBOOK_BASE_URL`).
 *
 * @example
 * ```ts
 * const program = Effect.gen(function* () {
 *   const gitbook = yield* GitBookInvites;
 *   return yield* Stream.runCollect(gitbook.members.stream());
 * });
 * program.pipe(Effect.provide(GitBookInvites.layerFromEnv()), Effect.runPromise);
 * ```
 */
export class GitBookInvites extends Context.Tag('@rollcall/client/GitBookInvites')<
  GitBookInvites,
  GitBookInvitesService
>() {
  /** Validates `config` and builds the service; a ConfigError names the unusable setting. */
  static readonly make = (config: GitBookConfigInput): Effect.Effect<GitBookInvitesService, ConfigError> =>
    Effect.map(makeGitBookConfig(config), makeGitBookInvitesService);

  /** The service from configuration given in code. */
  static readonly layer = (config: GitBookConfigInput): Layer.Layer<GitBookInvites, ConfigError> =>
    Layer.effect(GitBookInvites, GitBookInvites.make(config));

  /**
   * The service from `GITBOOK_TOKEN` (read as a redacted secret), `GITBOOK_ORGANIZATION_ID` and
   * `GITBOOK_BASE_URL` (default https://api.gitbook.com/v1), through Effect's ConfigProvider;
   * `overrides` win over the environment.
   */
  static readonly layerFromEnv = (overrides?: Partial<GitBookConfigInput>): Layer.Layer<GitBookInvites, ConfigError> =>
    Layer.effect(GitBookInvites, Effect.map(gitBookConfigFromEnv(overrides), makeGitBookInvitesService));
}
