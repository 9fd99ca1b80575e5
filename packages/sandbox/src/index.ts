/**
 * `@rollcall/sandbox`: a local, stateful TransactionLink server that follows the spec, with
 * seeded data, fault injection and a control API.
 *
 * @module
 */
export { SandboxControlError } from './core/control/control-error.js';
export type { CoreControl } from './core/control/core-control.js';
export type { Fault, FaultConfig, FaultKind, FaultRule } from './core/faults/fault-config.js';
export type { RequestLogEntry } from './core/request-log.js';
export type { Sandbox, SandboxControl } from './sandbox.js';
export { DEFAULT_NOW, type SandboxOptions, SandboxOptionsError } from './sandbox-options.js';
export { SandboxServer, SandboxStartError } from './sandbox-server.js';
export { startSandbox } from './start-sandbox.js';
export type { AddUserInput, TransactionLinkControl, UserPatch } from './transactionlink/control.js';
export type { Scope } from './transactionlink/scopes.js';
export type { TokenOptions } from './transactionlink/tokens.js';
