import {
  isObject,
  isReconstructed,
  type Json,
  type JsonObject,
  type OpenApiDoc,
  operationsOf,
  RECONSTRUCTED,
  reachableSchemaNames,
  schemasOf,
} from './openapi.js';

const clone = <T extends Json>(value: T): T => structuredClone(value);
const marked = (value: Json): JsonObject => ({ ...(value as JsonObject), [RECONSTRUCTED]: true });

/**
 * Lays what we reconstructed over what the vendor publishes. The vendor wins wherever it says
 * something; our `x-reconstructed` parts survive only where the vendor is silent:
 *
 * - an operation the vendor does not publish survives if we marked it reconstructed;
 * - within a published operation, our reconstructed responses and parameters that the vendor
 *   lacks are kept (everything of an operation marked reconstructed as a whole counts);
 * - within a published schema, our reconstructed properties the vendor lacks are kept, optional;
 * - our schemas that the result still references are kept.
 *
 * Whatever is carried over into a vendor object is marked `x-reconstructed` itself, so that the
 * next run can still tell it apart.
 */
export function keepReconstruction(vendor: OpenApiDoc, ours: OpenApiDoc | undefined): OpenApiDoc {
  const result = clone(vendor);
  if (!ours) return result;

  for (const { path, method, operation } of operationsOf(ours)) {
    const published = result.paths[path]?.[method];
    if (isObject(published)) {
      carryOverOperationParts(published, operation);
    } else if (isReconstructed(operation)) {
      const item = (result.paths[path] ??= {});
      item[method] = clone(operation);
    }
  }

  const vendorSchemas = schemasOf(result);
  const ourSchemas = schemasOf(ours);
  for (const [name, schema] of Object.entries(vendorSchemas)) {
    const reconstruction = ourSchemas[name];
    if (isObject(schema) && isObject(reconstruction)) carryOverProperties(schema, reconstruction);
  }
  const needed = reachableSchemaNames(result.paths, { ...ourSchemas, ...vendorSchemas });
  const kept = Object.entries(ourSchemas).filter(([name]) => needed.has(name) && !(name in vendorSchemas));
  if (kept.length > 0) {
    const components = (result.components ??= {}) as JsonObject;
    components.schemas = { ...vendorSchemas, ...Object.fromEntries(kept.map(([name, s]) => [name, clone(s)])) };
  }
  for (const [kind, entries] of Object.entries(isObject(ours.components) ? ours.components : {})) {
    if (kind === 'schemas' || !isObject(entries)) continue;
    const components = (result.components ??= {}) as JsonObject;
    components[kind] = { ...clone(entries), ...(isObject(components[kind]) ? components[kind] : {}) };
  }
  return result;
}

function carryOverOperationParts(published: JsonObject, ours: JsonObject): void {
  const wholeOperation = isReconstructed(ours);
  const responses = (published.responses ??= {}) as JsonObject;
  for (const [status, response] of Object.entries(isObject(ours.responses) ? ours.responses : {})) {
    if (status in responses) continue;
    if (wholeOperation || isReconstructed(response)) responses[status] = marked(clone(response));
  }
  const parameters = (Array.isArray(published.parameters) ? published.parameters : []) as JsonObject[];
  const has = (p: JsonObject) => parameters.some((q) => q.name === p.name && q.in === p.in);
  for (const parameter of Array.isArray(ours.parameters) ? ours.parameters : []) {
    if (!isObject(parameter) || has(parameter)) continue;
    if (wholeOperation || isReconstructed(parameter)) parameters.push(marked(clone(parameter)));
  }
  if (parameters.length > 0) published.parameters = parameters;
  if (
    !('requestBody' in published) &&
    isObject(ours.requestBody) &&
    (wholeOperation || isReconstructed(ours.requestBody))
  ) {
    published.requestBody = marked(clone(ours.requestBody));
  }
}

function carryOverProperties(published: JsonObject, ours: JsonObject): void {
  if (!isObject(ours.properties)) return;
  const wholeSchema = isReconstructed(ours);
  const properties = (published.properties ??= {}) as JsonObject;
  for (const [name, property] of Object.entries(ours.properties)) {
    if (name in properties) continue;
    if (wholeSchema || isReconstructed(property)) properties[name] = marked(clone(property));
  }
}
