import type { CoreControl } from './core/control/core-control.js';
import type { TransactionLinkControl } from './transactionlink/control.js';
import type { Scope } from './transactionlink/scopes.js';
import type { TokenOptions } from './transactionlink/tokens.js';

/**
 * The in-process twin of the HTTP control API under `/_sandbox`: the same operations, typed,
 * synchronous. Refusals throw `SandboxControlError` (status 400, 404 or 409, as over HTTP).
 */
export interface SandboxControl extends CoreControl, TransactionLinkControl {}

/** A running sandbox. */
export interface Sandbox {
  /** TransactionLink base URL, `http://127.0.0.1:PORT` (paths `/organizations/...`). */
  readonly url: string;
  /** A `tot_` token with every scope. */
  readonly token: string;
  /** The seed the data came from. */
  readonly seed: string | number;
  /** A new token with just these scopes. */
  issueToken(scopes: ReadonlyArray<Scope>, options?: TokenOptions): string;
  readonly control: SandboxControl;
  /** Stops listening and drops open connections; resolves when the server is closed. */
  close(): Promise<void>;
}
