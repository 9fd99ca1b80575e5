import { Schema } from 'effect';

/**
 * A control operation that cannot be done (unknown id, a transition the rules forbid, bad
 * input). The HTTP control API answers it with `status` and `{error: message}`.
 */
export class SandboxControlError extends Schema.TaggedError<SandboxControlError>()('SandboxControlError', {
  status: Schema.Number,
  message: Schema.String,
}) {
  static badRequest(message: string): SandboxControlError {
    return new SandboxControlError({ status: 400, message });
  }

  static notFound(message: string): SandboxControlError {
    return new SandboxControlError({ status: 404, message });
  }
}
