/**
 * What tolerant decoding reports instead of failing: one place where a response differs from
 * the spec.
 *
 * @module
 */

/**
 * How a value differs from the spec: a documented field absent (`missing`), of another JSON type
 * (`wrong-type`), of the right type but not in the form the spec says, e.g. not a UUID
 * (`invalid`), a value outside the spec's enum (`unknown-value`), a field the spec does not
 * document (`unknown-field`).
 */
export type DeviationKind = 'missing' | 'wrong-type' | 'invalid' | 'unknown-value' | 'unknown-field';

/** One difference between a response body and the spec. */
export interface Deviation {
  /** Where in the body, dot-separated from its root, e.g. `items.3.space.emoji`; `''` for the body itself. */
  readonly path: string;
  readonly kind: DeviationKind;
  /**
   * A summary of what was received, never a whole value: an unknown enum value as sent (at most
   * 64 characters), otherwise the JSON type (`number`, `object`…) or, for `invalid`, what the
   * spec asks for; `''` for `missing`. The client's credentials are scrubbed from it.
   */
  readonly value: string;
}
