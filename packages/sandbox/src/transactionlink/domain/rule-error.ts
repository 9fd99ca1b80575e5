import { Schema } from 'effect';

/**
 * A TransactionLink rule refused a change or a lookup found nothing. The API answers it 404
 * (`not-found`) or 400 (`rejected`); the control API 404 or 409.
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
