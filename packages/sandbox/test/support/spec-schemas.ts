/** Validation of response bodies against the bundled spec, for assertions. */
import { formatIssues, makeOpenApiSchemas, validate } from '@rollcall/client/openapi-schema';
import { Either } from 'effect';
import type { OpenApiDocument } from '../../src/core/openapi/document.js';
import { loadPackageJson } from '../../src/core/openapi/load-json.js';

export const spec = loadPackageJson('@rollcall/transactionlink-fetch/openapi.json') as OpenApiDocument;
const schemas = makeOpenApiSchemas(spec.components?.schemas ?? {});

/** `''` when `value` is a valid `#/components/schemas/<name>`, else the issues. */
export function issuesAgainst(name: string, value: unknown): string {
  const result = validate(schemas.named(name), value);
  return Either.isLeft(result) ? formatIssues(result.left) : '';
}

export const schemaFor = schemas.of;
