/**
 * Request validation driven by the spec: path and query parameters are coerced from text by
 * their declared type, then checked (with the request body) against the operation's schemas.
 * Every problem becomes one `field: message` entry of a 400 answer.
 */

import { type JsonSchema, type OpenApiSchemas, type SchemaIssue, validate } from '@rollcall/client/openapi-schema';
import { Either, type Schema } from 'effect';
import { ApiFailure, type ErrorDetail } from '../api-failure.js';
import type { OpenApiDocument, ParameterObject } from './document.js';
import type { Operation } from './operations.js';

export interface RequestInput {
  readonly pathParams: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly contentType: string | undefined;
  readonly bodyText: string;
}

/** Parameters by name, typed as the spec declares them; the parsed body. */
export interface ValidatedRequest {
  readonly path: Readonly<Record<string, unknown>>;
  readonly query: Readonly<Record<string, unknown>>;
  readonly body: unknown;
}

/** Validates one request; throws an `ApiFailure` (400) naming every offending field. */
export type RequestValidator = (input: RequestInput) => ValidatedRequest;

type Scalar = 'string' | 'integer' | 'number' | 'boolean';

interface CompiledParameter {
  readonly name: string;
  readonly in: 'path' | 'query';
  readonly required: boolean;
  readonly array: boolean;
  readonly itemType: Scalar;
  readonly schema: Schema.Schema<unknown>;
}

export const VALIDATION_ERROR = 'VALIDATION_ERROR';
export const MALFORMED_REQUEST = 'MALFORMED_REQUEST';

export function makeRequestValidator(
  operation: Operation,
  document: OpenApiDocument,
  schemas: OpenApiSchemas,
): RequestValidator {
  const components = document.components?.schemas ?? {};
  const deref = (schema: JsonSchema | undefined): JsonSchema => {
    let current = schema ?? {};
    while (typeof current.$ref === 'string') current = (components[current.$ref.split('/').pop()!] ?? {}) as JsonSchema;
    return current;
  };
  const scalar = (schema: JsonSchema): Scalar => {
    const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
    return type === 'integer' || type === 'number' || type === 'boolean' ? type : 'string';
  };

  const parameters: CompiledParameter[] = operation.parameters
    .filter((p): p is ParameterObject & { in: 'path' | 'query' } => p.in === 'path' || p.in === 'query')
    .map((p) => {
      const schema = deref(p.schema);
      const array = schema.type === 'array';
      return {
        name: p.name,
        in: p.in,
        required: p.required === true || p.in === 'path',
        array,
        itemType: scalar(array ? deref(schema.items as JsonSchema | undefined) : schema),
        schema: schemas.of(p.schema ?? {}),
      };
    });

  const body = operation.requestBody;
  const bodyMedia = body?.content
    ? (body.content['application/json'] ?? Object.entries(body.content).find(([type]) => type.includes('json'))?.[1])
    : undefined;
  const bodySchema = bodyMedia?.schema ? schemas.of(bodyMedia.schema) : undefined;

  return (input) => {
    const issues: SchemaIssue[] = [];
    const path: Record<string, unknown> = {};
    const query: Record<string, unknown> = {};

    for (const parameter of parameters) {
      const raw =
        parameter.in === 'path'
          ? [input.pathParams[parameter.name] ?? '']
          : parameter.array
            ? input.query.getAll(parameter.name).flatMap((value) => value.split(','))
            : input.query.getAll(parameter.name);
      const present = raw.filter((value) => value !== '');
      if (present.length === 0) {
        if (parameter.required) issues.push({ path: parameter.name, message: 'is missing' });
        continue;
      }
      const coerced = parameter.array
        ? present.map((value) => coerce(value, parameter.itemType))
        : [coerce(present[0]!, parameter.itemType)];
      const wrongType = coerced.indexOf(undefined);
      if (wrongType >= 0) {
        const at = parameter.array ? `${parameter.name}.${wrongType}` : parameter.name;
        issues.push({ path: at, message: `must be ${article(parameter.itemType)}` });
        continue;
      }
      const value = parameter.array ? coerced : coerced[0];
      const result = validate(parameter.schema, value);
      if (Either.isLeft(result)) {
        for (const issue of result.left) issues.push({ ...issue, path: joinPath(parameter.name, issue.path) });
      } else {
        (parameter.in === 'path' ? path : query)[parameter.name] = result.right;
      }
    }

    let parsedBody: unknown;
    const bodyErrors: ErrorDetail[] = [];
    if (body) {
      const parsed = parseBody(input, body.required === true);
      if ('error' in parsed) bodyErrors.push(parsed.error);
      parsedBody = 'value' in parsed ? parsed.value : undefined;
      if (parsedBody !== undefined && bodySchema) {
        const result = validate(bodySchema, parsedBody);
        if (Either.isLeft(result)) issues.push(...result.left);
      }
    }

    const errors = [
      ...issues.map((issue) => ({
        code: VALIDATION_ERROR,
        message: issue.path ? `${issue.path}: ${issue.message}` : issue.message,
      })),
      ...bodyErrors,
    ];
    if (errors.length > 0) throw new ApiFailure({ status: 400, errors });
    return { path, query, body: parsedBody };
  };
}

type ParsedBody = { readonly value: unknown } | { readonly error: ErrorDetail } | Record<string, never>;

function parseBody(input: RequestInput, required: boolean): ParsedBody {
  if (input.bodyText.trim() === '') {
    return required ? { error: { code: VALIDATION_ERROR, message: 'request body is missing' } } : {};
  }
  if (input.contentType !== undefined && !/json/i.test(input.contentType)) {
    return {
      error: { code: MALFORMED_REQUEST, message: `Content-Type must be application/json, not ${input.contentType}` },
    };
  }
  try {
    return { value: JSON.parse(input.bodyText) };
  } catch {
    return { error: { code: MALFORMED_REQUEST, message: 'request body is not valid JSON' } };
  }
}

/** Text to the declared type, or undefined when it is not one. */
function coerce(text: string, type: Scalar): unknown {
  switch (type) {
    case 'integer':
      return /^[+-]?\d+$/.test(text) ? Number(text) : undefined;
    case 'number':
      return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : undefined;
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : undefined;
    default:
      return text;
  }
}

const article = (type: Scalar): string => (type === 'integer' ? 'an integer' : `a ${type}`);

const joinPath = (name: string, rest: string): string => (rest ? `${name}.${rest}` : name);
