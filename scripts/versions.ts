import { ROOT } from './lib/apis.js';
import { parseCli, runScript } from './lib/cli.js';
import { releaseProblems, releaseVersion } from './lib/release.js';

const USAGE = `Usage: pnpm versions [--root DIR]

Checks that the five published packages (@rollcall/transactionlink-fetch, @rollcall/gitbook-fetch,
@rollcall/client, @rollcall/sandbox, @rollcall/exporter) are in step: every one at the root
package.json's version, depending on the others as workspace:* (pnpm packs that as the exact
version), not private, MIT with the root LICENSE, and CHANGELOG.md's newest entry at that version.
Exits 1 listing every problem.

To release a new version: set "version" in the root package.json and in packages/*/package.json,
run \`pnpm generate\` (the generated packages take the root's), add the CHANGELOG.md entry, then
\`pnpm versions\`.

  --root DIR  repository root (default: this checkout)
`;

runScript('versions', USAGE, async () => {
  const { values } = parseCli({ options: { root: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const root = values.root ?? ROOT;
  const problems = releaseProblems(root);
  if (problems.length > 0) {
    process.stdout.write(`${problems.map((problem) => `versions: ${problem}`).join('\n')}\n`);
    return 1;
  }
  process.stdout.write(`versions: all five packages at ${releaseVersion(root)}\n`);
  return 0;
});
