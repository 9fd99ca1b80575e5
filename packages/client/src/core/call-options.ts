import type { Duration } from 'effect';
import type { RetryPolicy } from './retry-policy.js';

/** Per-call overrides of the client's settings. */
export interface CallOptions {
  /** Fields to override in the client's retry policy, e.g. `{ retries: 0 }`. */
  readonly retry?: Partial<RetryPolicy>;
  /** Per-attempt timeout; the attempt's request is aborted when it expires. */
  readonly timeout?: Duration.DurationInput;
  /** Deadline for the whole call, retries and waits included (see ClientOptions.deadline). */
  readonly deadline?: Duration.DurationInput;
}
