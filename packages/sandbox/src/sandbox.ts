import type { CoreControl } from './core/control/core-control.js';
import type { GitBookControl } from './gitbook/control.js';
import type { TransactionLinkControl } from './transactionlink/control.js';
import type { Scope } from './transactionlink/scopes.js';
import type { TokenOptions } from './transactionlink/tokens.js';

/**
 * The in-process twin of the HTTP control API under `/_sandbox`: the same operations, typed,
 * synchronous. Refusals throw `SandboxControlError` (status 400, 404 or 409, as over HTTP).
 */
export interface SandboxControl extends CoreControl, TransactionLinkControl {
  /** The GitBook organization's control operations (HTTP: under `/_sandbox/gitbook`). */
  readonly gitbook: GitBookControl;
}

/** Where and how to reach the sandbox's GitBook API. */
export interface GitBookSandbox {
  /** GitBook base URL, `${sandbox.url}/v1` (`GITBOOK_BASE_URL`). */
  readonly url: string;
  /** A Bearer token of the organization's admin (`GITBOOK_TOKEN`). */
  readonly token: string;
  /** The seeded organization (`GITBOOK_ORGANIZATION_ID`). */
  readonly organizationId: string;
  /** The admin `token` belongs to. */
  readonly userId: string;
  /** An organization that exists but that no token may access: 403 (any other unknown id is 404). */
  readonly otherOrganizationId: string;
}

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
  /** The GitBook API the same server answers under `/v1`. */
  readonly gitbook: GitBookSandbox;
  readonly control: SandboxControl;
  /** Stops listening and drops open connections; resolves when the server is closed. */
  close(): Promise<void>;
}
