import { relative } from 'node:path';
import { ROOT, transactionlink } from './lib/apis.js';
import { parseCli, runScript } from './lib/cli.js';
import { generatePackage } from './lib/generate.js';

const USAGE = `Usage: pnpm generate [--root DIR]

Regenerates generated/transactionlink (@rollcall/transactionlink-fetch) from the bundled spec
openapi/transactionlink.json with @hey-api/openapi-ts. Run \`pnpm bundle\` first when you edited a
section file under openapi/transactionlink/. Never edit generated/ by hand.
`;

runScript('generate', USAGE, async () => {
  const { values } = parseCli({ options: { root: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const root = values.root ?? ROOT;
  const target = await generatePackage(transactionlink, root, root);
  process.stdout.write(`Generated ${relative(root, target)}\n`);
});
