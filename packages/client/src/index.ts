/**
 * `@rollcall/client`: the TransactionLink organization API and GitBook's organization invites as
 * Effect services, with typed errors, retries, rate limiting, timeouts and pagination streams. For
 * Promises, see `@rollcall/client/promise`.
 *
 * @module
 */
import { type GitBookConfig as GitBookConfigShape, gitBookConfigFromEnv, makeGitBookConfig } from './gitbook/config.js';
import {
  makeTransactionLinkConfig,
  type TransactionLinkConfig as TransactionLinkConfigShape,
  transactionLinkConfigFromEnv,
} from './transactionlink/config.js';

export type { CallOptions } from './core/call-options.js';
export type { ClientOptions, DecodeMode } from './core/client-settings.js';
export type { Deviation, DeviationKind } from './core/deviation.js';
export {
  type ApiError,
  ApiErrorDetail,
  BadRequest,
  ConfigError,
  Conflict,
  CrossOriginRedirect,
  Decode,
  DecodeIssue,
  Forbidden,
  NotFound,
  PageDrift,
  RateLimited,
  ServerError,
  Timeout,
  Transport,
  UNTRUSTED_CERTIFICATE,
  Unauthorized,
} from './core/errors.js';
export type {
  ClientObserver,
  DeviationEvent,
  RateLimitWaitEvent,
  RequestEvent,
  ResponseEvent,
  RetryEvent,
} from './core/observer.js';
export type { CursorPage, CursorPageQuery, CursorStreamQuery, PageQuery, StreamQuery } from './core/paging.js';
export { defaultRetryPolicy, type RetryPolicy } from './core/retry-policy.js';
export { DEFAULT_GITBOOK_BASE_URL, type GitBookConfigInput } from './gitbook/config.js';
export type { InviteLinksResource } from './gitbook/invite-links.js';
export type { InvitesResource } from './gitbook/invites.js';
export type { MembersResource } from './gitbook/members.js';
export { GitBookInvites, type GitBookInvitesService, makeGitBookInvitesService } from './gitbook/service.js';
export type * from './gitbook/types.js';
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

/** A validated GitBook configuration; the token stays `Redacted`. */
export type GitBookConfig = GitBookConfigShape;

/** Validate a GitBook configuration without building a client. */
export const GitBookConfig = {
  /** Validates configuration given in code. */
  make: makeGitBookConfig,
  /** Reads `GITBOOK_TOKEN`, `GITBOOK_ORGANIZATION_ID` and `GITBOOK_BASE_URL`; `overrides` win. */
  fromEnv: gitBookConfigFromEnv,
} as const;
