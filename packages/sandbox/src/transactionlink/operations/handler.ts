import { ApiFailure } from '../../core/api-failure.js';
import type { OperationHandler } from '../../core/api-module.js';
import { RuleError } from '../domain/rule-error.js';
import type { TokenGrant } from '../tokens.js';

/** A TransactionLink operation handler: called with the caller's token grant. */
export type Handler = OperationHandler<TokenGrant>;

/** Rule refusals as the API answers them: 404 for what does not exist, 400 for what the rules forbid. */
export const answeringRuleErrors =
  (handler: Handler): Handler =>
  (request) => {
    try {
      return handler(request);
    } catch (cause) {
      if (cause instanceof RuleError) {
        throw ApiFailure.of(cause.reason === 'not-found' ? 404 : 400, cause.code, cause.message);
      }
      throw cause;
    }
  };
