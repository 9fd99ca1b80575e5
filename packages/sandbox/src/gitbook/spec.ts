import type { OpenApiDocument } from '../core/openapi/document.js';
import { loadPackageJson } from '../core/openapi/load-json.js';

/** Where the bundled GitBook spec ships: the same file the client was generated from. */
export const GITBOOK_SPEC = '@rollcall/gitbook-fetch/openapi.json';

let cached: OpenApiDocument | undefined;

/** The bundled GitBook OpenAPI document (the operations rollcall uses), read once. */
export function gitBookSpec(): OpenApiDocument {
  cached ??= loadPackageJson(GITBOOK_SPEC) as OpenApiDocument;
  return cached;
}
