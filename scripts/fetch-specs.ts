import { join, relative } from 'node:path';
import { type Api, gitbook, ROOT, sectionFile, selectApis, transactionlink } from './lib/apis.js';
import { bundleSections } from './lib/bundle.js';
import { parseCli, runScript } from './lib/cli.js';
import { fetchSections } from './lib/fetch-sections.js';
import { readTextIfExists, writeFilesTogether } from './lib/files.js';
import { type OpenApiDoc, serializeSpec } from './lib/openapi.js';
import { diffSpecs, formatChanges } from './lib/spec-diff.js';
import { expectedSpecText } from './lib/spec-source.js';

const USAGE = `Usage: pnpm fetch-specs [--api NAME] [--base-url URL] [--gitbook-spec PATH] [--root DIR] [--dry-run]

TransactionLink: downloads the API reference pages (<base-url>/<section>.md), extracts the OpenAPI
fragment of every operation, keeps our x-reconstructed parts where the vendor is silent, and
writes openapi/transactionlink/<section>.json and the bundle openapi/transactionlink.json. A
section the vendor does not publish (404) keeps our reconstruction.
GitBook: takes the complete spec from the pinned ${gitbook.upstreamPackage} package
(${gitbook.upstreamFile}), keeps the operations rollcall uses and what they reference, and writes
openapi/gitbook.json.
On any error nothing is written. Prints what changed; then run \`pnpm generate\`.

  --api NAME           transactionlink or gitbook (default: both)
  --base-url URL       where TransactionLink's pages are (default ${transactionlink.docsBaseUrl})
  --gitbook-spec PATH  read GitBook's spec from this file instead of the installed package
  --root DIR           repository root to read and write (default: this checkout)
  --dry-run            report what would change, write nothing
`;

/** New content by path for one API, and the spec text its bundle will hold. */
async function refresh(api: Api, root: string, options: { baseUrl: string; upstreamPath?: string }) {
  const files = new Map<string, string>();
  if (api.kind === 'packaged') {
    return { files, bundle: await expectedSpecText(api, { root, upstreamPath: options.upstreamPath }) };
  }
  const sections = await fetchSections(api, { baseUrl: options.baseUrl, root });
  for (const { section, fragments, doc } of sections) {
    process.stderr.write(
      fragments > 0
        ? `${section}: ${fragments} operation${fragments === 1 ? '' : 's'} from the vendor page\n`
        : `${section}: not published by the vendor; keeping our reconstruction\n`,
    );
    files.set(join(root, sectionFile(api, section)), serializeSpec(doc));
  }
  return { files, bundle: serializeSpec(bundleSections(sections)) };
}

runScript('fetch-specs', USAGE, async () => {
  const { values } = parseCli({
    options: {
      api: { type: 'string' },
      'base-url': { type: 'string' },
      'gitbook-spec': { type: 'string' },
      root: { type: 'string' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const root = values.root ?? ROOT;
  const changed = new Map<string, string>();
  for (const api of selectApis(values.api)) {
    const { files, bundle } = await refresh(api, root, {
      baseUrl: values['base-url'] ?? transactionlink.docsBaseUrl,
      upstreamPath: values['gitbook-spec'],
    });
    const bundlePath = join(root, api.bundle);
    const previous = await readTextIfExists(bundlePath);
    files.set(bundlePath, bundle);
    process.stdout.write(`${api.name}: `);
    process.stdout.write(
      previous === undefined
        ? `new ${api.bundle}\n`
        : formatChanges(diffSpecs(JSON.parse(previous) as OpenApiDoc, JSON.parse(bundle) as OpenApiDoc)),
    );
    for (const [path, text] of files) if ((await readTextIfExists(path)) !== text) changed.set(path, text);
  }
  if (changed.size === 0) {
    process.stdout.write('openapi/ is up to date.\n');
    return;
  }
  const names = [...changed.keys()].map((path) => relative(root, path)).join(', ');
  if (values['dry-run']) {
    process.stdout.write(`Would write ${names}.\n`);
    return;
  }
  await writeFilesTogether(changed);
  process.stdout.write(`Wrote ${names}.\nNext: pnpm generate (then review the diff of generated/).\n`);
});
