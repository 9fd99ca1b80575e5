/** Who ran an export and where, for the manifest. */
import { createHash } from 'node:crypto';
import * as os from 'node:os';
import * as Redacted from 'effect/Redacted';

/** The OS user (null when the system cannot tell) and host name. */
export const currentOperator = (): { readonly user: string | null; readonly host: string } => {
  let user: string | null;
  try {
    user = os.userInfo().username;
  } catch {
    // No passwd entry for the uid (e.g. a container started with an arbitrary uid).
    user = process.env.USER ?? process.env.LOGNAME ?? null;
  }
  return { user, host: os.hostname() };
};

/** First 12 hex digits of the token's SHA-256: enough to tell tokens apart, useless to an attacker. */
export const tokenFingerprint = (token: Redacted.Redacted<string>): string =>
  createHash('sha256').update(Redacted.value(token), 'utf8').digest('hex').slice(0, 12);
