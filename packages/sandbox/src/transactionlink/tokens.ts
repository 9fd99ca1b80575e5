/** Organization tokens (`tot_` + 52 characters) the sandbox has issued, with what each may do. */
import type { Scope } from './scopes.js';

export interface TokenGrant {
  readonly scopes: ReadonlySet<Scope>;
  /** Workspaces `can_view_workspace` covers; `undefined` for all of them. */
  readonly workspaceIds: ReadonlySet<string> | undefined;
}

/** Extra limits for `issueToken`. */
export interface TokenOptions {
  /** Limit `can_view_workspace` to these workspaces (default: all). */
  readonly workspaceIds?: ReadonlyArray<string>;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export class TokenStore {
  private readonly grants = new Map<string, TokenGrant>();

  /** A new random token (tokens are secrets even here, so not derived from the seed). */
  issue(scopes: ReadonlyArray<Scope>, options: TokenOptions = {}): string {
    const bytes = crypto.getRandomValues(new Uint8Array(52));
    // 256 % 62 = 8: a negligible bias, and these tokens guard nothing real.
    const token = `tot_${Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]).join('')}`;
    this.grants.set(token, {
      scopes: new Set(scopes),
      workspaceIds: options.workspaceIds ? new Set(options.workspaceIds) : undefined,
    });
    return token;
  }

  lookup(token: string): TokenGrant | undefined {
    return this.grants.get(token);
  }
}
