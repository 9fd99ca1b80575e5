/**
 * Spec drift: edits applied to the JSON bodies of 2xx API answers, to serve what a vendor's API
 * may send after a change the spec does not (yet) describe: nested objects reduced to a few
 * fields, fields added, enum values the spec does not list. Off by default, so the seeded data
 * is served as the spec says; replaceable at run time with `control.setDrift`.
 */
import { Schema } from 'effect';

/**
 * Where an edit applies: a dot-separated path from the body's root, `*` standing for every
 * element of an array (or every value of an object), e.g. `items.*.space` or `content.*.status`.
 */
export type DriftPath = string;

/** Only objects (the parents of the edited field) whose fields equal all of these. */
export type DriftWhere = Readonly<Record<string, string | number | boolean | null>>;

/** One change to a body. */
export type DriftEdit =
  /** Sets the field at `at` (adding it when absent) to `value`. */
  | { readonly op: 'set'; readonly at: DriftPath; readonly value: unknown; readonly where?: DriftWhere }
  /** Removes the field at `at`. */
  | { readonly op: 'remove'; readonly at: DriftPath; readonly where?: DriftWhere }
  /** Reduces the object at `at` to the fields `keep`, e.g. a space to `object`, `id` and `title`. */
  | { readonly op: 'pick'; readonly at: DriftPath; readonly keep: ReadonlyArray<string>; readonly where?: DriftWhere };

/** The edits for the answers that `match` (every given field must match the request). */
export interface DriftRule {
  readonly match: {
    readonly method?: string;
    /** The request's path as sent (with the API's mount, e.g. `/v1/orgs/…/invites`). */
    readonly path?: string;
    readonly pathPrefix?: string;
    readonly pathSuffix?: string;
  };
  readonly edits: ReadonlyArray<DriftEdit>;
}

export interface DriftConfig {
  /** Every rule that matches applies, in order. */
  readonly rules?: ReadonlyArray<DriftRule>;
}

const Where = Schema.optional(
  Schema.Record({ key: Schema.String, value: Schema.Union(Schema.String, Schema.Number, Schema.Boolean, Schema.Null) }),
);

/** Checks a `DriftConfig` from JSON (PUT /_sandbox/drift) or from code. */
export const DriftConfigSchema: Schema.Schema<DriftConfig> = Schema.Struct({
  rules: Schema.optional(
    Schema.Array(
      Schema.Struct({
        match: Schema.Struct({
          method: Schema.optional(Schema.String),
          path: Schema.optional(Schema.String),
          pathPrefix: Schema.optional(Schema.String),
          pathSuffix: Schema.optional(Schema.String),
        }),
        edits: Schema.Array(
          Schema.Union(
            Schema.Struct({ op: Schema.Literal('set'), at: Schema.String, value: Schema.Unknown, where: Where }),
            Schema.Struct({ op: Schema.Literal('remove'), at: Schema.String, where: Where }),
            Schema.Struct({
              op: Schema.Literal('pick'),
              at: Schema.String,
              keep: Schema.Array(Schema.String),
              where: Where,
            }),
          ),
        ),
      }),
    ),
  ),
});
