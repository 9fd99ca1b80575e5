/**
 * Effect Schemas built from an OpenAPI document's JSON Schemas at run time, so that what the
 * client decodes and what the sandbox validates both come from the spec the code was generated
 * from, never from a hand-written copy of it.
 *
 * Covers the subset the TransactionLink (OpenAPI 3.0) and GitBook (3.1) specs use: `$ref`, object
 * (properties, required, additionalProperties), array, string (enum, const, format uuid and
 * date-time, pattern, length in characters), integer, number, boolean, `nullable`,
 * `type: [.., 'null']` and `{type: 'null'}`, allOf, oneOf and anyOf (decoded as the first member
 * that matches); other formats, such as email and uri, are not checked. Decoding is strict for
 * required properties and declared types, and tolerant of properties the spec does not declare
 * (they pass through untouched).
 *
 * @module
 */
import * as Either from 'effect/Either';
import * as ParseResult from 'effect/ParseResult';
import * as Schema from 'effect/Schema';
import type { ParseOptions } from 'effect/SchemaAST';
import { conforms } from './internal/schema-conformance.js';
import { dateTimeArbitrary, isDateTime, isUuid, uuidArbitrary } from './internal/string-formats.js';

/** A JSON Schema as it appears in an OpenAPI document (3.0 or 3.1). */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** Parse options to decode with: report every issue, keep undeclared properties. */
export const decodeOptions: ParseOptions = { errors: 'all', onExcessProperty: 'preserve' };

const isSchema = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const COMPONENT_PREFIXES = ['#/components/schemas/', '#/definitions/'];

/** Resolves component names to Effect Schemas, once each, recursive references included. */
export interface OpenApiSchemas {
  /** The Schema for `#/components/schemas/<name>`. */
  readonly named: (name: string) => Schema.Schema<unknown>;
  /** The Schema for an inline JSON Schema whose `$ref`s point into the same components. */
  readonly of: (schema: JsonSchema) => Schema.Schema<unknown>;
}

/**
 * @param components the document's `components.schemas`: the generated `schemas.gen` exports
 * keyed by component name, or the parsed `openapi.json`'s own map.
 */
export function makeOpenApiSchemas(components: Readonly<Record<string, unknown>>): OpenApiSchemas {
  const built = new Map<string, Schema.Schema<unknown>>();
  const building = new Set<string>();

  const named = (name: string): Schema.Schema<unknown> => {
    const cached = built.get(name);
    if (cached) return cached;
    if (building.has(name)) return Schema.suspend(() => named(name));
    const definition = components[name];
    if (!isSchema(definition)) throw new Error(`OpenAPI schema ${name} is not defined`);
    building.add(name);
    try {
      const schema = of(definition).annotations({ identifier: name });
      built.set(name, schema);
      return schema;
    } finally {
      building.delete(name);
    }
  };

  const resolve = (schema: JsonSchema): JsonSchema => {
    const ref = schema.$ref;
    if (typeof ref !== 'string') return schema;
    const name = refName(ref);
    const target = components[name];
    if (!isSchema(target)) throw new Error(`OpenAPI schema ${name} is not defined`);
    return resolve(target);
  };

  const of = (schema: JsonSchema): Schema.Schema<unknown> => {
    if (typeof schema.$ref === 'string') return nullable(schema, named(refName(schema.$ref)));
    if (Array.isArray(schema.allOf)) return nullable(schema, of(mergeAllOf(schema, resolve)));
    for (const keyword of ['oneOf', 'anyOf'] as const) {
      const members = schema[keyword];
      if (Array.isArray(members) && members.length > 0) {
        const schemas = members.filter(isSchema).map(of);
        return nullable(
          schema,
          schemas.length === 1 ? (schemas[0] as Schema.Schema<unknown>) : Schema.Union(...schemas),
        );
      }
    }
    if ('const' in schema) return erase(Schema.Literal(schema.const as Literal));
    if (Array.isArray(schema.enum)) {
      const values = schema.enum as Literal[];
      const allowsNull = schema.nullable === true && !values.includes(null);
      return erase(Schema.Literal(...values, ...(allowsNull ? [null] : [])));
    }
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string | undefined];
    const allowsNull = schema.nullable === true || types.includes('null');
    const concrete = types.filter((type) => type !== 'null').map((type) => ofType(schema, type));
    // `{type: 'null'}` alone, as 3.1 writes the null member of a oneOf.
    if (concrete.length === 0) return erase(Schema.Null);
    const body = concrete.length === 1 ? (concrete[0] as Schema.Schema<unknown>) : Schema.Union(...concrete);
    return allowsNull ? Schema.NullOr(body) : body;
  };

  const ofType = (schema: JsonSchema, type: string | undefined): Schema.Schema<unknown> => {
    switch (type) {
      case 'string':
        return stringSchema(schema);
      case 'integer':
        return numberSchema(schema, Schema.Number.pipe(Schema.int()));
      case 'number':
        return numberSchema(schema, Schema.Number);
      case 'boolean':
        return erase(Schema.Boolean);
      case 'array': {
        const items = isSchema(schema.items) ? of(schema.items) : Schema.Unknown;
        let array: Schema.Schema<ReadonlyArray<unknown>> = Schema.Array(items);
        if (typeof schema.maxItems === 'number') array = array.pipe(Schema.maxItems(schema.maxItems));
        if (typeof schema.minItems === 'number') array = array.pipe(Schema.minItems(schema.minItems));
        return erase(array);
      }
      case 'object':
        return objectSchema(schema);
      default:
        return isSchema(schema.properties) ? objectSchema(schema) : Schema.Unknown;
    }
  };

  const objectSchema = (schema: JsonSchema): Schema.Schema<unknown> => {
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    const fields: Record<string, Schema.Schema.All | Schema.PropertySignature.All> = {};
    for (const [name, property] of Object.entries(isSchema(schema.properties) ? schema.properties : {})) {
      if (!isSchema(property)) continue;
      const value = of(property);
      fields[name] = required.has(name) ? value : Schema.optionalWith(value, { exact: true });
    }
    const extra = schema.additionalProperties;
    if (isSchema(extra)) {
      return erase(Schema.Struct(fields, Schema.Record({ key: Schema.String, value: of(extra) })));
    }
    return erase(Schema.Struct(fields));
  };

  return { named, of };
}

type Literal = string | number | boolean | null;

/** Schemas are invariant in their type; this module only ever hands out `Schema<unknown>`. */
const erase = (schema: Schema.Schema.Any): Schema.Schema<unknown> => schema as unknown as Schema.Schema<unknown>;

const refName = (ref: string): string => {
  const prefix = COMPONENT_PREFIXES.find((p) => ref.startsWith(p));
  if (!prefix) throw new Error(`unsupported $ref ${ref}: only component schemas are resolved`);
  return decodeURIComponent(ref.slice(prefix.length));
};

const nullable = (schema: JsonSchema, inner: Schema.Schema<unknown>): Schema.Schema<unknown> =>
  schema.nullable === true ? Schema.NullOr(inner) : inner;

const codePoints = (value: string): number => {
  let count = 0;
  for (const _ of value) count += 1;
  return count;
};

/** A string filter failing with `message` exactly when `predicate` is false. */
const stringCheck = (
  predicate: (value: string) => boolean,
  message: string,
  annotations?: Schema.Annotations.Filter<string>,
) => Schema.filter<Schema.Schema<string>>((value) => predicate(value) || message, annotations);

function stringSchema(schema: JsonSchema): Schema.Schema<unknown> {
  let string: Schema.Schema<string> = Schema.String;
  if (schema.format === 'uuid') {
    string = string.pipe(stringCheck(isUuid, 'must be a UUID', { arbitrary: () => (fc) => uuidArbitrary(fc) }));
  }
  if (schema.format === 'date-time') {
    string = string.pipe(
      stringCheck(isDateTime, 'must be an ISO-8601 date-time', { arbitrary: () => (fc) => dateTimeArbitrary(fc) }),
    );
  }
  if (typeof schema.pattern === 'string') string = string.pipe(Schema.pattern(new RegExp(schema.pattern, 'u')));
  // JSON Schema counts characters (code points): an emoji is one, not two UTF-16 units.
  const { maxLength, minLength } = schema;
  if (typeof maxLength === 'number') {
    string = string.pipe(
      stringCheck((value) => codePoints(value) <= maxLength, `must be at most ${maxLength} characters long`),
    );
  }
  if (typeof minLength === 'number') {
    string = string.pipe(
      stringCheck((value) => codePoints(value) >= minLength, `must be at least ${minLength} characters long`),
    );
  }
  return erase(string);
}

function numberSchema(schema: JsonSchema, base: Schema.Schema<number>): Schema.Schema<unknown> {
  let number = base;
  if (typeof schema.minimum === 'number') number = number.pipe(Schema.greaterThanOrEqualTo(schema.minimum));
  if (typeof schema.maximum === 'number') number = number.pipe(Schema.lessThanOrEqualTo(schema.maximum));
  return erase(number);
}

/** allOf of objects as one object: properties and required lists united, members' `$ref`s resolved. */
function mergeAllOf(schema: JsonSchema, resolve: (schema: JsonSchema) => JsonSchema): JsonSchema {
  const properties: Record<string, unknown> = {};
  const required = new Set<string>();
  let additionalProperties: unknown;
  const { allOf, ...rest } = schema;
  for (const member of [rest, ...(allOf as unknown[]).filter(isSchema)]) {
    const resolved = Array.isArray(resolve(member).allOf) ? mergeAllOf(resolve(member), resolve) : resolve(member);
    Object.assign(properties, isSchema(resolved.properties) ? resolved.properties : {});
    for (const name of Array.isArray(resolved.required) ? (resolved.required as string[]) : []) required.add(name);
    if (resolved.additionalProperties !== undefined) additionalProperties = resolved.additionalProperties;
  }
  return { type: 'object', properties, required: [...required], additionalProperties, nullable: schema.nullable };
}

/** One problem found while validating a value, at a path such as `content.3.email`. */
export interface SchemaIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * Validates `value` against `schema` with Effect Schema's decoder; `Right(value)` (the value as
 * given, undeclared properties kept), or `Left(issues)` naming every offending field, one issue
 * per field.
 */
export function validate<A>(schema: Schema.Schema<A>, value: unknown): Either.Either<A, ReadonlyArray<SchemaIssue>> {
  if (conforms(schema, value, 'allowed')) return Either.right(value as A);
  let decoded: Either.Either<A, ParseResult.ParseError>;
  try {
    decoded = Schema.decodeUnknownEither(schema, decodeOptions)(value);
  } catch (error) {
    // Effect's decoder throws on some malformed input (a union discriminator that cannot be
    // turned into a string, e.g. `{"type": {"toString": 1}}`): still a value that does not decode.
    const reason = error instanceof Error ? error.message : 'the decoder failed';
    return Either.left([{ path: '', message: `could not be decoded: ${reason}` }]);
  }
  return Either.match(decoded, {
    onRight: () => Either.right(value as A),
    onLeft: (error) =>
      Either.left(
        mergeByPath(
          ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) => ({
            path: issue.path.map(String).join('.'),
            message: issue.message,
          })),
        ),
      ),
  });
}

const EXPECTED = /^Expected (.+), actual (.+)$/s;

/**
 * One issue per field: a union (an enum, a nullable type) fails once per member, which reads
 * better as `Expected "A" | "B", actual "C"`.
 */
function mergeByPath(issues: ReadonlyArray<SchemaIssue>): SchemaIssue[] {
  const byPath = new Map<string, string[]>();
  for (const { path, message } of issues) byPath.set(path, [...(byPath.get(path) ?? []), message]);
  return [...byPath].map(([path, messages]) => {
    const parts = messages.map((message) => EXPECTED.exec(message));
    const sameActual = parts.every((part) => part && part[2] === parts[0]?.[2]);
    const message =
      messages.length > 1 && sameActual
        ? `Expected ${parts.map((part) => part?.[1]).join(' | ')}, actual ${parts[0]?.[2]}`
        : [...new Set(messages)].join('; ');
    return { path, message };
  });
}

/** `path: message; path: message`, for error bodies and logs. */
export const formatIssues = (issues: ReadonlyArray<SchemaIssue>): string =>
  issues.map(({ path, message }) => (path ? `${path}: ${message}` : message)).join('; ');
export { conforms, type ExcessProperties } from './internal/schema-conformance.js';
export { isDateTime, isUuid } from './internal/string-formats.js';
