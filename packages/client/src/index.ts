/**
 * `@rollcall/client`: the TransactionLink organization API as an Effect service, with typed
 * errors, retries, timeouts and pagination streams. For Promises, see `@rollcall/client/promise`.
 *
 * @module
 */
import {
  makeTransactionLinkConfig,
  type TransactionLinkConfig as TransactionLinkConfigShape,
  transactionLinkConfigFromEnv,
} from './transactionlink/config.js';

export type { CallOptions } from './core/call-options.js';
export type { ClientOptions } from './core/client-settings.js';
export {
  type ApiError,
  ApiErrorDetail,
  BadRequest,
  ConfigError,
  Conflict,
  Decode,
  DecodeIssue,
  Forbidden,
  NotFound,
  PageDrift,
  RateLimited,
  ServerError,
  Timeout,
  Transport,
  Unauthorized,
} from './core/errors.js';
export type { ClientObserver, RequestEvent, ResponseEvent, RetryEvent } from './core/observer.js';
export type { PageQuery, StreamQuery } from './core/paging.js';
export { defaultRetryPolicy, type RetryPolicy } from './core/retry-policy.js';
export { DEFAULT_TRANSACTIONLINK_BASE_URL, type TransactionLinkConfigInput } from './transactionlink/config.js';
export type {
  EnrollmentPageQuery,
  EnrollmentStreamQuery,
  EnrollmentsResource,
} from './transactionlink/enrollments.js';
export type { RolesResource } from './transactionlink/roles.js';
export { makeTransactionLinkService, TransactionLink, type TransactionLinkService } from './transactionlink/service.js';
export * from './transactionlink/types.js';
export type { UsersResource } from './transactionlink/users.js';
export type { WorkspacesResource } from './transactionlink/workspaces.js';

/** A validated TransactionLink configuration; the token stays `Redacted`. */
export type TransactionLinkConfig = TransactionLinkConfigShape;

/** Validate a TransactionLink configuration without building a client. */
export const TransactionLinkConfig = {
  /** Validates configuration given in code. */
  make: makeTransactionLinkConfig,
  /** Reads `TRANSACTIONLINK_TOKEN` and `TRANSACTIONLINK_BASE_URL`; `overrides` win. */
  fromEnv: transactionLinkConfigFromEnv,
} as const;
