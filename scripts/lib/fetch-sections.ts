import { join } from 'node:path';
import { type SectionedApi, sectionFile } from './apis.js';
import { readTextIfExists } from './files.js';
import { mergeDocuments } from './merge.js';
import { type OpenApiDoc, SpecError } from './openapi.js';
import { keepReconstruction } from './reconstruction.js';
import { extractFragments } from './vendor-page.js';

export interface SectionResult {
  section: string;
  /** The section's spec after the fetch: the vendor's, with our reconstruction where it is silent. */
  doc: OpenApiDoc;
  /** How many operation fragments the vendor's page held; 0 when the page is not published. */
  fragments: number;
}

export interface FetchOptions {
  baseUrl: string;
  root: string;
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
}

/**
 * Fetches every section page of `api`, extracts and merges its OpenAPI fragments, and lays our
 * reconstruction over them. Nothing is written: a failure in any section fails the whole fetch.
 * A section page that does not exist (404) keeps our reconstruction as it is.
 */
export async function fetchSections(api: SectionedApi, options: FetchOptions): Promise<SectionResult[]> {
  const results: SectionResult[] = [];
  for (const section of api.sections) {
    const existingText = await readTextIfExists(join(options.root, sectionFile(api, section)));
    const existing = existingText === undefined ? undefined : parseExisting(api, section, existingText);
    const page = await fetchPage(section, `${options.baseUrl.replace(/\/+$/, '')}/${section}.md`, options);
    if (page === undefined) {
      if (!existing)
        throw new SpecError(
          section,
          undefined,
          'the vendor does not publish this section and there is no reconstruction of it',
        );
      results.push({ section, doc: existing, fragments: 0 });
      continue;
    }
    const fragments = extractFragments(section, page);
    const vendor = mergeDocuments(fragments.map((f) => ({ section, operation: f.operation, doc: f.doc })));
    results.push({ section, doc: keepReconstruction(vendor, existing), fragments: fragments.length });
  }
  return results;
}

function parseExisting(api: SectionedApi, section: string, text: string): OpenApiDoc {
  try {
    return JSON.parse(text) as OpenApiDoc;
  } catch (error) {
    throw new SpecError(
      section,
      undefined,
      `${sectionFile(api, section)} is not valid JSON: ${(error as Error).message}`,
    );
  }
}

/** The page's markdown, or undefined when the vendor answers 404 (section not published). */
async function fetchPage(section: string, url: string, options: FetchOptions): Promise<string | undefined> {
  const fetch = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'text/markdown, text/plain;q=0.9, */*;q=0.1' },
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
  } catch (error) {
    const reason =
      error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new SpecError(section, undefined, `cannot fetch ${url}: ${reason}`);
  }
  if (response.status === 404) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new SpecError(section, undefined, `fetching ${url} answered HTTP ${response.status}`);
  }
  return response.text();
}
