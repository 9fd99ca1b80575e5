/**
 * The fields of an entity's API items that its files use (ids, keys, columns, join fields), as
 * an Effect Schema each source declares next to its rows: decoded strictly whatever the client's
 * decoding mode, so that a missing or ill-typed key fails the run instead of writing a wrong row.
 * A written column whose spec has an enum is read as a plain string here: an unknown value is
 * written as received (the client reports it as a deviation).
 */
import { conforms, isDateTime, isUuid } from '@rollcall/client/openapi-schema';
import * as Either from 'effect/Either';
import * as ParseResult from 'effect/ParseResult';
import * as Schema from 'effect/Schema';
import type { Row } from '../entity.js';
import { SourceFailure } from '../errors.js';

/** A string in UUID form, as the spec's `format: uuid`. */
export const Uuid = Schema.String.pipe(Schema.filter((value) => isUuid(value) || 'must be a UUID'));

/** A string in ISO-8601 date-time form, as the spec's `format: date-time`. */
export const DateTime = Schema.String.pipe(
  Schema.filter((value) => isDateTime(value) || 'must be an ISO-8601 date-time'),
);

/** An optional field (absent is fine, `undefined` is not sent by JSON). */
export const optional = <S extends Schema.Schema.Any>(schema: S) => Schema.optionalWith(schema, { exact: true });

const MAX_ISSUES = 5;

/**
 * Items decoded with `schema`; the first item that does not decode fails with a SourceFailure
 * (`Decode`) naming its position and fields. An item `conforms` vouches for is taken as it is:
 * these schemas transform nothing, so it reads the same fields its decoding would hold.
 */
export const decodeItems =
  <A, I>(entityName: string, schema: Schema.Schema<A, I>) =>
  (items: ReadonlyArray<unknown>): Either.Either<ReadonlyArray<A>, SourceFailure> => {
    const decode = Schema.decodeUnknownEither(schema, { errors: 'all' });
    const decodedItems: Array<A> = [];
    for (let index = 0; index < items.length; index++) {
      const item = items[index];
      if (conforms(schema, item, 'allowed')) {
        decodedItems.push(item as A);
        continue;
      }
      const decoded = decode(item);
      if (Either.isLeft(decoded)) {
        const issues = ParseResult.ArrayFormatter.formatErrorSync(decoded.left);
        const described = issues
          .slice(0, MAX_ISSUES)
          .map((issue) => `${issue.path.map(String).join('.') || 'the item'}: ${issue.message}`);
        const more = issues.length > MAX_ISSUES ? `; … and ${issues.length - MAX_ISSUES} more` : '';
        return Either.left(
          new SourceFailure({
            entity: entityName,
            reason: 'Decode',
            message: `${entityName}: item ${index} of a response lacks what the snapshot writes: ${described.join('; ')}${more}`,
          }),
        );
      }
      decodedItems.push(decoded.right);
    }
    return Either.right(decodedItems);
  };

/** `toRow` over items decoded with `schema` (see {@link decodeItems}). */
export const decodedRows =
  <A, I>(entityName: string, schema: Schema.Schema<A, I>, toRow: (item: A) => Row) =>
  (items: ReadonlyArray<unknown>): Either.Either<ReadonlyArray<Row>, SourceFailure> =>
    Either.map(decodeItems(entityName, schema)(items), (decoded) => decoded.map(toRow));
