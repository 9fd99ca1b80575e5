import { isObject, type JsonObject, jsonEqual, type OpenApiDoc, SpecError } from './openapi.js';

/** A document to merge, and where it comes from, for conflict messages. */
export interface Source {
  section: string;
  /** Set when the document is one operation's fragment of a section page. */
  operation?: string;
  doc: OpenApiDoc;
}

const describeSource = (source: Source, withinSection: boolean): string =>
  withinSection && source.operation ? `operation ${source.operation}` : `section ${source.section}`;

/**
 * Merges OpenAPI documents that each describe part of one API into a single document. Shared
 * pieces (info, servers, security, components) must be identical where they repeat; any
 * difference is a conflict, reported against the origin that introduced it.
 *
 */
export function mergeDocuments(sources: readonly Source[]): OpenApiDoc {
  const [first] = sources;
  if (!first) throw new Error('mergeDocuments: nothing to merge');
  const withinSection = sources.every((source) => source.section === first.section);
  const merged: OpenApiDoc = { openapi: first.doc.openapi, info: first.doc.info, paths: {} };
  const originOf = new Map<string, string>();

  const claim = (target: JsonObject, key: string, value: JsonObject[string], what: string, source: Source): void => {
    const existing = target[key];
    if (existing === undefined) {
      target[key] = value;
      originOf.set(what, describeSource(source, withinSection));
    } else if (!jsonEqual(existing, value)) {
      const previous = originOf.get(what) ?? describeSource(first, withinSection);
      throw new SpecError(
        source.section,
        source.operation,
        `${what} conflicts with the definition from ${previous}: ${describeDifference(existing, value)}`,
      );
    }
  };

  for (const source of sources) {
    const { doc } = source;
    for (const [key, value] of Object.entries(doc)) {
      if (key === 'paths' || key === 'components' || key === 'tags') continue;
      claim(merged, key, value, key === 'info' ? 'info' : `top-level "${key}"`, source);
    }
    for (const [path, item] of Object.entries(doc.paths)) {
      const target = (merged.paths[path] ??= {});
      for (const [method, operation] of Object.entries(item)) {
        claim(target, method, operation, `${method.toUpperCase()} ${path}`, source);
      }
    }
    if (isObject(doc.components)) {
      const components = (merged.components ??= {}) as JsonObject;
      for (const [kind, entries] of Object.entries(doc.components)) {
        if (!isObject(entries)) continue;
        const target = (components[kind] ??= {}) as JsonObject;
        for (const [name, definition] of Object.entries(entries)) {
          claim(target, name, definition, `${singular(kind)} ${name}`, source);
        }
      }
    }
    if (Array.isArray(doc.tags)) {
      const tags = (merged.tags ??= []) as JsonObject[];
      for (const tag of doc.tags) {
        if (isObject(tag) && !tags.some((known) => known.name === tag.name)) tags.push(tag);
      }
    }
  }
  // `paths` and `components` go last, whatever order the first fragment used.
  const { paths, components, ...head } = merged;
  return { ...head, paths, ...(components ? { components } : {}) } as OpenApiDoc;
}

const singular = (kind: string): string =>
  ({
    schemas: 'schema',
    securitySchemes: 'security scheme',
    parameters: 'parameter',
    responses: 'response',
    requestBodies: 'request body',
    headers: 'header',
    examples: 'example',
  })[kind] ?? kind;

/** The first JSON path at which two values differ, for a message a maintainer can act on. */
export function describeDifference(a: JsonObject[string], b: JsonObject[string], at = ''): string {
  if (isObject(a) && isObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!jsonEqual(a[key], b[key])) return describeDifference(a[key] ?? null, b[key] ?? null, `${at}/${key}`);
    }
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    for (let i = 0; i < a.length; i++) {
      if (!jsonEqual(a[i], b[i])) return describeDifference(a[i] ?? null, b[i] ?? null, `${at}/${i}`);
    }
  }
  const show = (value: JsonObject[string]) => {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  };
  return `at ${at || '/'} ${show(a)} vs ${show(b)}`;
}
