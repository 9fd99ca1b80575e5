import { join, relative } from 'node:path';
import { ROOT, sectionFile, transactionlink } from './lib/apis.js';
import { bundleSections } from './lib/bundle.js';
import { parseCli, runScript } from './lib/cli.js';
import { fetchSections } from './lib/fetch-sections.js';
import { readTextIfExists, writeFilesTogether } from './lib/files.js';
import { type OpenApiDoc, serializeSpec } from './lib/openapi.js';
import { diffSpecs, formatChanges } from './lib/spec-diff.js';

const USAGE = `Usage: pnpm fetch-specs [--base-url URL] [--root DIR] [--dry-run]

Downloads TransactionLink's API reference pages (<base-url>/<section>.md), extracts the OpenAPI
fragment of every operation, keeps our x-reconstructed parts where the vendor is silent, and writes
openapi/transactionlink/<section>.json and the bundle openapi/transactionlink.json. A section the
vendor does not publish (404) keeps our reconstruction. On any error nothing is written.
Then prints what changed in the bundle; run \`pnpm generate\` to regenerate the client.

  --base-url URL  where the section pages are (default ${transactionlink.docsBaseUrl})
  --root DIR      repository root to read and write (default: this checkout)
  --dry-run       report what would change, write nothing
`;

runScript('fetch-specs', USAGE, async () => {
  const { values } = parseCli({
    options: {
      'base-url': { type: 'string' },
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
  const baseUrl = values['base-url'] ?? transactionlink.docsBaseUrl;
  const sections = await fetchSections(transactionlink, { baseUrl, root });
  for (const { section, fragments } of sections) {
    process.stderr.write(
      fragments > 0
        ? `${section}: ${fragments} operation${fragments === 1 ? '' : 's'} from the vendor page\n`
        : `${section}: not published by the vendor; keeping our reconstruction\n`,
    );
  }
  const bundle = bundleSections(sections);
  const bundlePath = join(root, transactionlink.bundle);
  const previousText = await readTextIfExists(bundlePath);
  const previous = previousText === undefined ? undefined : (JSON.parse(previousText) as OpenApiDoc);

  const files = new Map<string, string>();
  for (const { section, doc } of sections) {
    const path = join(root, sectionFile(transactionlink, section));
    const text = serializeSpec(doc);
    if ((await readTextIfExists(path)) !== text) files.set(path, text);
  }
  const bundleOut = serializeSpec(bundle);
  if (previousText !== bundleOut) files.set(bundlePath, bundleOut);

  process.stdout.write(
    previous ? formatChanges(diffSpecs(previous, bundle)) : `New bundle ${transactionlink.bundle}.\n`,
  );
  if (files.size === 0) {
    process.stdout.write('openapi/ is up to date.\n');
    return;
  }
  const names = [...files.keys()].map((path) => relative(root, path)).join(', ');
  if (values['dry-run']) {
    process.stdout.write(`Would write ${names}.\n`);
    return;
  }
  await writeFilesTogether(files);
  process.stdout.write(`Wrote ${names}.\nNext: pnpm generate (then review the diff of generated/).\n`);
});
