/** What every GitBook resource is built from. */
import type { GitBookSdk } from '@rollcall/gitbook-fetch';
import { Redacted } from 'effect';
import { renderPath } from '../core/internal/path.js';
import type { SendInit } from '../core/internal/transport.js';
import type { GitBookConfig } from './config.js';
import type { ResponseSchemas } from './schemas.js';

/** A validated configuration, the generated SDK bound to its base URL, and the response schemas. */
export interface ResourceContext {
  readonly config: GitBookConfig;
  readonly sdk: GitBookSdk;
  readonly schemas: ResponseSchemas;
}

/**
 * The options every generated SDK call gets: the core's SendInit and the token. The spec
 * declares bearer security, so the SDK itself writes `Authorization: Bearer <token>` from `auth`;
 * this is the only place the token is revealed, when the request is built.
 */
export const requestOptions = (context: ResourceContext, init: SendInit) => ({
  ...init,
  auth: () => Redacted.value(context.config.token),
  headers: { Accept: 'application/json' },
});

/** `template` (e.g. `/orgs/{organizationId}/members`) for the client's organization and `params`. */
export const organizationPath = (
  context: ResourceContext,
  template: string,
  params: Readonly<Record<string, string>> = {},
): string => renderPath(template, { organizationId: context.config.organizationId, ...params });
