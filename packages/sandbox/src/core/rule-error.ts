import { Schema } from 'effect';
import { ApiFailure } from './api-failure.js';
import type { OperationHandler } from './api-module.js';
import { SandboxControlError } from './control/control-error.js';

/**
 * An API's rule refused a change, or a lookup found nothing. Domain code throws it; the vendor
 * API answers it 404 (`not-found`) or 400 (`rejected`), the control API 404 or 409.
 */
export class RuleError extends Schema.TaggedError<RuleError>()('RuleError', {
  reason: Schema.Literal('not-found', 'rejected'),
  code: Schema.String,
  message: Schema.String,
}) {
  static notFound(code: string, message: string): RuleError {
    return new RuleError({ reason: 'not-found', code, message });
  }

  static rejected(code: string, message: string): RuleError {
    return new RuleError({ reason: 'rejected', code, message });
  }
}

/** A handler whose rule refusals become API answers: 404 for what does not exist, 400 for what the rules forbid. */
export const answeringRuleErrors =
  <Principal>(handler: OperationHandler<Principal>): OperationHandler<Principal> =>
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

/** Runs a control operation, its rule refusals as control errors: 404 for what does not exist, 409 for a forbidden transition. */
export function controlRuleErrors<A>(run: () => A): A {
  try {
    return run();
  } catch (cause) {
    if (cause instanceof RuleError) {
      throw new SandboxControlError({ status: cause.reason === 'not-found' ? 404 : 409, message: cause.message });
    }
    throw cause;
  }
}
