import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, type SectionedApi, sectionFile } from './apis.js';
import { mergeDocuments } from './merge.js';
import {
  HTTP_METHODS,
  isObject,
  type JsonObject,
  type OpenApiDoc,
  referencedSchemaNames,
  SpecError,
  schemasOf,
  serializeSpec,
  sortedObject,
} from './openapi.js';

export interface Section {
  section: string;
  doc: OpenApiDoc;
}

/**
 * One document from all sections of an API: shared components deduplicated (a difference is a
 * conflict naming both sections), paths and components sorted by name, so the same sections
 * always give the same bytes.
 */
export function bundleSections(sections: readonly Section[]): OpenApiDoc {
  const merged = mergeDocuments(sections);
  merged.paths = Object.fromEntries(
    Object.entries(sortedObject(merged.paths)).map(([path, item]) => [path, methodsInOrder(item)]),
  );
  if (isObject(merged.components)) {
    merged.components = sortedObject(
      Object.fromEntries(
        Object.entries(merged.components).map(([kind, entries]) => [
          kind,
          isObject(entries) ? sortedObject(entries) : entries,
        ]),
      ),
    );
  }
  const defined = schemasOf(merged);
  for (const name of referencedSchemaNames(merged as JsonObject)) {
    if (!(name in defined)) {
      const owner = sections.find(({ doc }) => referencedSchemaNames(doc as JsonObject).has(name));
      throw new SpecError(owner?.section ?? 'bundle', undefined, `schema ${name} is referenced but never defined`);
    }
  }
  return merged;
}

/** Path-level keys first, then the operations in the order HTTP methods are listed in OpenAPI. */
function methodsInOrder(item: JsonObject): JsonObject {
  const rank = (key: string) => (HTTP_METHODS as readonly string[]).indexOf(key);
  return Object.fromEntries(Object.entries(item).sort(([a], [b]) => rank(a) - rank(b)));
}

export async function readSections(api: SectionedApi, root = ROOT): Promise<Section[]> {
  return Promise.all(
    api.sections.map(async (section) => {
      const path = join(root, sectionFile(api, section));
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        throw new SpecError(
          section,
          undefined,
          `cannot read ${sectionFile(api, section)}: ${(error as Error).message}`,
        );
      }
      try {
        return { section, doc: JSON.parse(text) as OpenApiDoc };
      } catch (error) {
        throw new SpecError(
          section,
          undefined,
          `${sectionFile(api, section)} is not valid JSON: ${(error as Error).message}`,
        );
      }
    }),
  );
}

/** The bundle text for the sections currently on disk. */
export async function bundleText(api: SectionedApi, root = ROOT): Promise<string> {
  return serializeSpec(bundleSections(await readSections(api, root)));
}
