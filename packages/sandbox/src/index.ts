/**
 * `@rollcall/sandbox`: a local, stateful server for the TransactionLink and GitBook APIs that
 * follows their specs, with seeded data, fault injection and a control API.
 *
 * @module
 */
export { SandboxControlError } from './core/control/control-error.js';
export type { CoreControl } from './core/control/core-control.js';
export type { DriftConfig, DriftEdit, DriftPath, DriftRule, DriftWhere } from './core/drift/drift-config.js';
export type { Fault, FaultConfig, FaultKind, FaultRule, RetryAfterFormat } from './core/faults/fault-config.js';
export type { RequestLogEntry } from './core/request-log.js';
export type {
  AddMemberInput,
  GitBookControl,
  GitBookOrganizationInfo,
  GitBookUserInput,
  MemberPatch,
} from './gitbook/control.js';
export type { GitBookSandbox, Sandbox, SandboxControl } from './sandbox.js';
export { DEFAULT_NOW, type GitBookOptions, type SandboxOptions, SandboxOptionsError } from './sandbox-options.js';
export { SandboxServer, SandboxStartError } from './sandbox-server.js';
export { startSandbox } from './start-sandbox.js';
export type { AddUserInput, TransactionLinkControl, UserPatch } from './transactionlink/control.js';
export type { Scope } from './transactionlink/scopes.js';
export type { TokenOptions } from './transactionlink/tokens.js';
