/** GitBook's error body: `{error: {code: <the status>, message}}`, several problems in one message. */
import type { ErrorDetail } from '../core/api-failure.js';

export interface GitBookErrorBody {
  readonly error: { readonly code: number; readonly message: string };
}

export const gitBookErrorBody = (status: number, errors: ReadonlyArray<ErrorDetail>): GitBookErrorBody => ({
  error: { code: status, message: errors.map((error) => error.message).join('; ') },
});
