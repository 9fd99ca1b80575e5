/**
 * The small slice of OpenAPI 3.x the spec scripts manipulate. Documents are kept as plain JSON so
 * that whatever the vendor adds passes through untouched.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface OpenApiDoc extends JsonObject {
  openapi: string;
  info: JsonObject;
  paths: { [path: string]: JsonObject };
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Marks a schema, property, parameter, response or operation that we wrote, not the vendor. */
export const RECONSTRUCTED = 'x-reconstructed';

/** An error in a spec input, naming where it is so a maintainer can find it. */
export class SpecError extends Error {
  constructor(
    readonly section: string,
    readonly operation: string | undefined,
    readonly detail: string,
  ) {
    super(`section ${section}${operation ? `, operation ${operation}` : ''}: ${detail}`);
    this.name = 'SpecError';
  }
}

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const isReconstructed = (value: unknown): boolean => isObject(value) && value[RECONSTRUCTED] === true;

export interface OperationRef {
  path: string;
  method: string;
  operation: JsonObject;
}

export function operationsOf(doc: OpenApiDoc): OperationRef[] {
  const found: OperationRef[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (isObject(operation)) found.push({ path, method, operation });
    }
  }
  return found;
}

export const operationLabel = ({ path, method, operation }: OperationRef): string =>
  typeof operation.operationId === 'string' ? operation.operationId : `${method.toUpperCase()} ${path}`;

export function schemasOf(doc: JsonObject): JsonObject {
  const components = doc.components;
  if (!isObject(components)) return {};
  const schemas = components.schemas;
  return isObject(schemas) ? schemas : {};
}

/** Structural equality of two JSON values; key order does not matter. */
export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && jsonEqual(a[key], b[key]));
  }
  return false;
}

/** Every `#/components/schemas/X` name referenced anywhere inside `value`. */
export function referencedSchemaNames(value: Json | undefined, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencedSchemaNames(item, into);
  } else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string' && item.startsWith('#/components/schemas/')) {
        into.add(item.slice('#/components/schemas/'.length));
      } else {
        referencedSchemaNames(item, into);
      }
    }
  }
  return into;
}

/** Schema names reachable from the paths of `doc`, following references between schemas. */
export function reachableSchemaNames(paths: Json, schemas: JsonObject): Set<string> {
  const reached = new Set<string>();
  const queue = [...referencedSchemaNames(paths)];
  while (queue.length > 0) {
    const name = queue.pop() as string;
    if (reached.has(name)) continue;
    reached.add(name);
    for (const next of referencedSchemaNames(schemas[name])) if (!reached.has(next)) queue.push(next);
  }
  return reached;
}

export const sortedObject = <T extends Json>(object: { [key: string]: T }): { [key: string]: T } =>
  Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** The canonical on-disk form of every spec file: two-space JSON and a final newline. */
export const serializeSpec = (doc: Json): string => `${JSON.stringify(doc, null, 2)}\n`;
