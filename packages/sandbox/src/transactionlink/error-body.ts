/** TransactionLink's `ErrorResponse`, each with its own fingerprint (seeded, so runs repeat). */
import type { ErrorResponse } from '@rollcall/transactionlink-fetch';
import type { ErrorDetail } from '../core/api-failure.js';
import type { Random } from '../core/random.js';

export const makeErrorBody =
  (fingerprints: Random) =>
  (_status: number, errors: ReadonlyArray<ErrorDetail>): ErrorResponse => ({
    fingerprint: fingerprints.uuid(),
    errors: errors.map(({ code, message }) => ({ code, message })),
  });
