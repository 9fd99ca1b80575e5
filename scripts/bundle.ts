import { join } from 'node:path';
import { ROOT, transactionlink } from './lib/apis.js';
import { bundleText } from './lib/bundle.js';
import { parseCli, runScript } from './lib/cli.js';
import { readTextIfExists, writeFilesTogether } from './lib/files.js';

const USAGE = `Usage: pnpm bundle [--root DIR]

Merges the section files openapi/transactionlink/*.json into openapi/transactionlink.json: shared
components deduplicated (a conflict between sections is an error naming both), paths and
components sorted, so the same sections always give the same bytes.
`;

runScript('bundle', USAGE, async () => {
  const { values } = parseCli({ options: { root: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const root = values.root ?? ROOT;
  const path = join(root, transactionlink.bundle);
  const text = await bundleText(transactionlink, root);
  if ((await readTextIfExists(path)) === text) {
    process.stdout.write(`${transactionlink.bundle} is up to date\n`);
    return;
  }
  await writeFilesTogether(new Map([[path, text]]));
  process.stdout.write(`Wrote ${transactionlink.bundle}\n`);
});
