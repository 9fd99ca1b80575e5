/** What every TransactionLink resource is built from. */
import type { TransactionLinkSdk } from '@rollcall/transactionlink-fetch';
import { type Effect, Redacted } from 'effect';
import type { CallOptions } from '../core/call-options.js';
import type { ApiError } from '../core/errors.js';
import { call, type Operation } from '../core/internal/call.js';
import type { SendInit } from '../core/internal/transport.js';
import type { TransactionLinkConfig } from './config.js';
import type { ResponseSchemas } from './schemas.js';

/** A validated configuration, the generated SDK bound to its base URL, and the response schemas. */
export interface ResourceContext {
  readonly config: TransactionLinkConfig;
  readonly sdk: TransactionLinkSdk;
  readonly schemas: ResponseSchemas;
}

/**
 * The options every generated SDK call gets: the core's SendInit and the token. The spec
 * declares `Authorization` as a header parameter, so the raw token goes there (no `Bearer`); this
 * is the only place the token is revealed, straight into the request headers.
 */
export const requestOptions = (context: ResourceContext, init: SendInit) => ({
  ...init,
  headers: { Authorization: Redacted.value(context.config.token), Accept: 'application/json' },
});

/** Runs `operation` with the client's settings and the call's options. */
export const run = <A>(
  context: ResourceContext,
  operation: Operation,
  options?: CallOptions,
): Effect.Effect<A, ApiError> => call<A>(operation, context.config.settings, options);
