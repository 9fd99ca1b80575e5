import { relative } from 'node:path';
import { ROOT, selectApis } from './lib/apis.js';
import { parseCli, runScript } from './lib/cli.js';
import { generatePackage } from './lib/generate.js';

const USAGE = `Usage: pnpm generate [--api NAME] [--root DIR]

Regenerates generated/<api> from openapi/<api>.json with @hey-api/openapi-ts: the TransactionLink
client (@rollcall/transactionlink-fetch) and the GitBook client (@rollcall/gitbook-fetch). Run
\`pnpm bundle\` first when you edited a section file under openapi/transactionlink/, and
\`pnpm fetch-specs\` after changing the @gitbook/api version. Never edit generated/ by hand.

  --api NAME  transactionlink or gitbook (default: both)
  --root DIR  repository root (default: this checkout)
`;

runScript('generate', USAGE, async () => {
  const { values } = parseCli({
    options: { api: { type: 'string' }, root: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const root = values.root ?? ROOT;
  for (const api of selectApis(values.api)) {
    const target = await generatePackage(api, root, root);
    process.stdout.write(`Generated ${relative(root, target)}\n`);
  }
});
