import {
  type OpenApiDocument,
  type OperationObject,
  type ParameterObject,
  type RequestBodyObject,
  type ResponseObject,
  resolve,
} from './document.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** One operation of a spec, references resolved: what routing, validation and tests read. */
export interface Operation {
  readonly id: string;
  /** Upper case, as on the wire. */
  readonly method: string;
  /** The spec's path template, e.g. `/organizations/users/{userId}`. */
  readonly path: string;
  readonly description: string;
  /** Path-level and operation-level parameters, the operation's winning on a name clash. */
  readonly parameters: ReadonlyArray<ParameterObject>;
  readonly requestBody: RequestBodyObject | undefined;
  /** By status code as written in the spec (`'200'`, `'4XX'`, `'default'`). */
  readonly responses: Readonly<Record<string, ResponseObject>>;
}

/** Every operation of `document`, in the document's order. */
export function readOperations(document: OpenApiDocument): ReadonlyArray<Operation> {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    const shared = ((item.parameters ?? []) as ReadonlyArray<unknown>).map((p) =>
      resolve<ParameterObject>(document, p as ParameterObject),
    );
    for (const method of METHODS) {
      const operation = item[method] as OperationObject | undefined;
      if (!operation) continue;
      const own = (operation.parameters ?? []).map((p) => resolve<ParameterObject>(document, p));
      const parameters = [...shared.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)), ...own];
      const responses = Object.fromEntries(
        Object.entries(operation.responses ?? {}).map(([status, response]) => [
          status,
          resolve<ResponseObject>(document, response),
        ]),
      );
      operations.push({
        id: operation.operationId ?? `${method} ${path}`,
        method: method.toUpperCase(),
        path,
        description: operation.description ?? '',
        parameters,
        requestBody: operation.requestBody ? resolve<RequestBodyObject>(document, operation.requestBody) : undefined,
        responses,
      });
    }
  }
  return operations;
}

/** The response the spec declares for `status`: exact code, then `4XX`-style range, then `default`. */
export function declaredResponse(operation: Operation, status: number): ResponseObject | undefined {
  return (
    operation.responses[String(status)] ?? operation.responses[`${String(status)[0]}XX`] ?? operation.responses.default
  );
}

/** The media type the spec declares for `status` (e.g. `application/json;charset=UTF-8`), if any. */
export function declaredContentType(operation: Operation, status: number): string | undefined {
  const content = declaredResponse(operation, status)?.content;
  return content ? Object.keys(content)[0] : undefined;
}
