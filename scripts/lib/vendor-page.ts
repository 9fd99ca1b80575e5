import { isObject, type OpenApiDoc, operationLabel, operationsOf, SpecError } from './openapi.js';

/** One fenced ```json OpenAPI block of a vendor docs page, with the heading it stands under. */
export interface PageFragment {
  /** The `## …` heading above the block, which is how the vendor names the operation. */
  heading: string;
  /** The operationId (or `METHOD /path`) of the one operation the block documents. */
  operation: string;
  doc: OpenApiDoc;
}

const FENCE_OPEN = /^```json\s*$/;
const FENCE_CLOSE = /^```\s*$/;
const HEADING = /^#{2,6}\s+(.+?)\s*$/;

/**
 * Pulls every fenced ```json block out of a vendor section page (the GitBook-rendered
 * `…/api-reference/<section>.md`), parsing each as an OpenAPI fragment.
 */
export function extractFragments(section: string, markdown: string): PageFragment[] {
  const lines = markdown.split(/\r?\n/);
  const fragments: PageFragment[] = [];
  let heading = '(top of page)';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const title = HEADING.exec(line);
    if (title) heading = title[1] as string;
    if (!FENCE_OPEN.test(line)) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !FENCE_CLOSE.test(lines[end] as string)) end++;
    if (end === lines.length) {
      throw new SpecError(section, heading, `the \`\`\`json block opened on line ${i + 1} is never closed`);
    }
    fragments.push(parseFragment(section, heading, lines.slice(start, end).join('\n'), start + 1));
    i = end;
  }
  if (fragments.length === 0) {
    throw new SpecError(section, undefined, 'the page has no ```json OpenAPI block (is this the API reference page?)');
  }
  return fragments;
}

function parseFragment(section: string, heading: string, text: string, firstLine: number): PageFragment {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SpecError(section, heading, `broken JSON in the block starting on line ${firstLine}: ${reason}`);
  }
  if (!isObject(parsed) || typeof parsed.openapi !== 'string' || !isObject(parsed.paths)) {
    throw new SpecError(section, heading, `the block starting on line ${firstLine} is not an OpenAPI document`);
  }
  const doc = parsed as OpenApiDoc;
  const operations = operationsOf(doc);
  if (operations.length !== 1) {
    throw new SpecError(
      section,
      heading,
      `the block starting on line ${firstLine} documents ${operations.length} operations; expected exactly one`,
    );
  }
  return { heading, operation: operationLabel(operations[0] as (typeof operations)[0]), doc };
}
