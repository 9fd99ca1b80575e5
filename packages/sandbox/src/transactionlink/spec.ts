import type { OpenApiDocument } from '../core/openapi/document.js';
import { loadPackageJson } from '../core/openapi/load-json.js';

/** Where the bundled TransactionLink spec ships: the same file the client was generated from. */
export const TRANSACTIONLINK_SPEC = '@rollcall/transactionlink-fetch/openapi.json';

let cached: OpenApiDocument | undefined;

/** The bundled TransactionLink OpenAPI document, read once. */
export function transactionLinkSpec(): OpenApiDocument {
  cached ??= loadPackageJson(TRANSACTIONLINK_SPEC) as OpenApiDocument;
  return cached;
}
