/** GitBook API tokens the sandbox has issued (`gb_api_` + 40 characters), each a user's. */

/** Whoever a token belongs to. */
export interface TokenGrant {
  readonly userId: string;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export class TokenStore {
  private readonly grants = new Map<string, TokenGrant>();

  /** A new random token for `userId` (tokens are secrets even here, so not derived from the seed). */
  issue(userId: string): string {
    const bytes = crypto.getRandomValues(new Uint8Array(40));
    const token = `gb_api_${Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]).join('')}`;
    this.grants.set(token, { userId });
    return token;
  }

  lookup(token: string): TokenGrant | undefined {
    return this.grants.get(token);
  }
}
