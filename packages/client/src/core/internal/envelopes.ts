/**
 * What the client reads of a list response itself, to page through it: checked strictly even
 * when the body is decoded tolerantly (see ClientOptions.decode). The items are the caller's.
 */
import * as Schema from 'effect/Schema';

const Count = Schema.Number.pipe(Schema.int(), Schema.nonNegative());

/** A bare JSON array of items (TransactionLink's roles, workspaces, workspace roles and memberships). */
export const arrayEnvelope = Schema.Array(Schema.Unknown) as unknown as Schema.Schema<unknown>;

/** A page-number page (TransactionLink's users and enrollments): `content`, `totalElements`, `totalPages`, `size`. */
export const pageNumberEnvelope: Schema.Schema<unknown> = Schema.Struct({
  content: Schema.optionalWith(Schema.Array(Schema.Unknown), { exact: true }),
  totalElements: Schema.optionalWith(Count, { exact: true }),
  totalPages: Schema.optionalWith(Count, { exact: true }),
  size: Schema.optionalWith(Count, { exact: true }),
}) as unknown as Schema.Schema<unknown>;

/** A cursor page (GitBook's lists): `items`, `next.page`, `count`. */
export const cursorEnvelope: Schema.Schema<unknown> = Schema.Struct({
  items: Schema.Array(Schema.Unknown),
  next: Schema.optionalWith(Schema.Struct({ page: Schema.String }), { exact: true }),
  count: Schema.optionalWith(Count, { exact: true }),
}) as unknown as Schema.Schema<unknown>;
