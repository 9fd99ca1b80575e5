/**
 * Spec-driven conformance checking, for any API the sandbox serves: requests built from an
 * operation's path template and request schema, and answers checked against what the spec
 * declares for their status.
 */
import { formatIssues, type JsonSchema, validate } from '@rollcall/client/openapi-schema';
import type { Schema } from 'effect';
import { Either } from 'effect';
import { type OpenApiDocument, resolve } from '../../src/core/openapi/document.js';
import type { Operation } from '../../src/core/openapi/operations.js';

export interface Exchange {
  readonly label: string;
  readonly status: number;
  readonly contentType: string | null;
  readonly headers: Headers;
  readonly text: string;
}

export interface SendOptions {
  readonly ids: Record<string, string>;
  /** The whole Authorization header; none when undefined. */
  readonly authorization?: string;
  readonly body?: string;
  readonly query?: string;
}

export function urlFor(operation: Operation, ids: Record<string, string>, query = ''): string {
  return operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(ids[name] ?? '')) + query;
}

/** Sends one request for `operation` to the API at `baseUrl`. */
export async function send(
  baseUrl: string,
  operation: Operation,
  label: string,
  options: SendOptions,
): Promise<Exchange> {
  const response = await fetch(`${baseUrl}${urlFor(operation, options.ids, options.query)}`, {
    method: operation.method,
    headers: {
      ...(options.authorization === undefined ? {} : { Authorization: options.authorization }),
      ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(options.body === undefined ? {} : { body: options.body }),
  });
  return {
    label,
    status: response.status,
    contentType: response.headers.get('content-type'),
    headers: response.headers,
    text: await response.text(),
  };
}

/** Every combination of one candidate id per path parameter, in candidate order. */
export const idCombinations = (names: ReadonlyArray<string>, candidates: Record<string, string[]>) =>
  names.reduce<Array<Record<string, string>>>(
    (combos, name) => combos.flatMap((combo) => (candidates[name] ?? []).map((id) => ({ ...combo, [name]: id }))),
    [{}],
  );

/**
 * A valid example of a request schema: required properties (the first branch of a `oneOf` or
 * `anyOf`), plus optional plain strings; `leaf` gives strings (by property name and schema).
 */
export function exampleOf(
  document: OpenApiDocument,
  schema: JsonSchema,
  leaf: (name: string, schema: JsonSchema) => unknown,
): unknown {
  const example = (node: JsonSchema, name: string): unknown => {
    const target = resolve<JsonSchema>(document, node as JsonSchema & { $ref: string });
    const branches = (target.oneOf ?? target.anyOf) as JsonSchema[] | undefined;
    if (branches?.length) return example(branches[0]!, name);
    if (Array.isArray(target.enum)) return target.enum[0];
    switch (target.type) {
      case 'object': {
        const required = new Set((target.required as string[] | undefined) ?? []);
        const properties = Object.entries((target.properties ?? {}) as Record<string, JsonSchema>).filter(
          ([key, property]) => required.has(key) || (property.type === 'string' && property.format === undefined),
        );
        return Object.fromEntries(properties.map(([key, property]) => [key, example(property, key)]));
      }
      case 'array':
        return [];
      case 'integer':
      case 'number':
        return 1;
      case 'boolean':
        return true;
      default:
        return leaf(name, target);
    }
  };
  return example(schema, '');
}

/**
 * Empty when the exchange is what the spec declares for its status, else why not. `undeclared`
 * gives the schema to hold an answer to when the spec declares nothing for its status (the
 * API's documented error format); `schemaFor` builds Effect Schemas from JSON Schemas.
 */
export function nonConformance(
  operation: Operation,
  exchange: Exchange,
  schemaFor: (schema: JsonSchema) => Schema.Schema<unknown>,
  undeclared?: (status: number) => JsonSchema | undefined,
): string {
  const declared = operation.responses[String(exchange.status)];
  const fallback = declared ? undefined : undeclared?.(exchange.status);
  if (!declared && !fallback) return `${exchange.label}: status ${exchange.status} is not declared`;
  const content = declared
    ? Object.entries(declared.content ?? {})
    : [['application/json', { schema: fallback }] as const];
  if (content.length === 0) return exchange.text === '' ? '' : `${exchange.label}: body where none is declared`;
  const [mediaType, media] = content[0]!;
  if (exchange.contentType !== mediaType) {
    return `${exchange.label}: Content-Type ${exchange.contentType}, not ${mediaType}`;
  }
  const result = validate(schemaFor(media.schema ?? {}), JSON.parse(exchange.text));
  return Either.isLeft(result) ? `${exchange.label}: ${formatIssues(result.left)}` : '';
}
