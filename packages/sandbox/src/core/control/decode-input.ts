import { formatIssues, validate } from '@rollcall/client/openapi-schema';
import { Either, type Schema } from 'effect';
import { SandboxControlError } from './control-error.js';

/** Checks control input against `schema`; a 400 `SandboxControlError` naming each bad field otherwise. */
export function decodeInput<A>(schema: Schema.Schema<A>, input: unknown, what: string): A {
  const result = validate(schema, input);
  if (Either.isLeft(result)) throw SandboxControlError.badRequest(`invalid ${what}: ${formatIssues(result.left)}`);
  return result.right;
}
