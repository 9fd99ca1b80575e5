/**
 * The parts of an OpenAPI 3.0/3.1 document the sandbox reads, and `$ref` resolution for them.
 */
import type { JsonSchema } from '@rollcall/client/openapi-schema';

export interface ParameterObject {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required?: boolean;
  readonly style?: string;
  readonly explode?: boolean;
  readonly schema?: JsonSchema;
}

export interface MediaTypeObject {
  readonly schema?: JsonSchema;
}

export interface RequestBodyObject {
  readonly required?: boolean;
  readonly content?: Readonly<Record<string, MediaTypeObject>>;
}

export interface ResponseObject {
  readonly description?: string;
  readonly content?: Readonly<Record<string, MediaTypeObject>>;
}

export interface OperationObject {
  readonly operationId?: string;
  readonly description?: string;
  readonly parameters?: ReadonlyArray<ParameterObject | Reference>;
  readonly requestBody?: RequestBodyObject | Reference;
  readonly responses?: Readonly<Record<string, ResponseObject | Reference>>;
}

export interface ServerObject {
  readonly url: string;
  readonly variables?: Readonly<Record<string, { readonly default: string }>>;
}

export interface OpenApiDocument {
  readonly servers?: ReadonlyArray<ServerObject>;
  readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly components?: Readonly<Record<string, Readonly<Record<string, unknown>>>> & {
    readonly schemas?: Readonly<Record<string, unknown>>;
  };
}

interface Reference {
  readonly $ref: string;
}

const isReference = (value: unknown): value is Reference =>
  typeof value === 'object' && value !== null && typeof (value as { $ref?: unknown }).$ref === 'string';

/** Follows `#/components/...` references until a non-reference object is reached. */
export function resolve<T>(document: OpenApiDocument, value: T | Reference): T {
  let current: unknown = value;
  for (let hops = 0; isReference(current); hops++) {
    if (hops > 32) throw new Error(`OpenAPI reference cycle at ${current.$ref}`);
    const pointer = current.$ref;
    if (!pointer.startsWith('#/')) throw new Error(`unsupported OpenAPI reference ${pointer}`);
    current = pointer
      .slice(2)
      .split('/')
      .map((token) => decodeURIComponent(token.replace(/~1/g, '/').replace(/~0/g, '~')))
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
    if (current === undefined) throw new Error(`OpenAPI reference ${pointer} does not resolve`);
  }
  return current as T;
}

/**
 * The path of the document's first server URL, its variables at their defaults: `'/v1'` for
 * `{host}/v1`, `''` for a bare host. An API module is mounted there.
 */
export function serverBasePath(document: OpenApiDocument): string {
  const server = document.servers?.[0];
  if (!server) return '';
  const url = server.url.replace(/\{([^}]+)\}/g, (_, name: string) => server.variables?.[name]?.default ?? '');
  return new URL(url, 'http://server.invalid').pathname.replace(/\/+$/, '');
}
