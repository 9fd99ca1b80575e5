import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, transactionlink } from './lib/apis.js';
import { bundleText } from './lib/bundle.js';
import { parseCli, runScript } from './lib/cli.js';
import { readTextIfExists } from './lib/files.js';
import { generatePackage, NOT_GENERATED } from './lib/generate.js';
import type { OpenApiDoc } from './lib/openapi.js';
import { diffSpecs, formatChanges } from './lib/spec-diff.js';

const USAGE = `Usage: pnpm check-generated [--root DIR]

Rebuilds the bundle from openapi/transactionlink/*.json and regenerates the client into a
temporary folder, then compares both with what is committed. Exits 1 with a readable diff when
openapi/transactionlink.json or generated/transactionlink differ from what the specs produce.
`;

/**
 * A unified diff, hunks headed by the enclosing `export` so a reader sees which type moved.
 * Paths are shown relative to the repository, the regenerated side prefixed with `(from specs)`.
 */
function unifiedDiff(root: string, committed: string, expected: string, excludes: readonly string[] = []): string {
  const args = ['-ruN', '-F', '^export ', ...excludes.flatMap((name) => ['-x', name]), committed, expected];
  const result = spawnSync('diff', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) return `(cannot run diff: ${result.error.message})\n`;
  return result.stdout
    .replaceAll(expected, `(from specs)/${committed}`)
    .replace(/^diff -ruN .*\n/gm, '')
    .replace(/^((?:---|\+\+\+) [^\t\n]+)\t.*$/gm, '$1');
}

const MAX_DIFF_LINES = 400;
const clip = (text: string): string => {
  const lines = text.split('\n');
  return lines.length <= MAX_DIFF_LINES
    ? text
    : `${lines.slice(0, MAX_DIFF_LINES).join('\n')}\n... ${lines.length - MAX_DIFF_LINES} more diff lines\n`;
};

runScript('check-generated', USAGE, async () => {
  const { values } = parseCli({ options: { root: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const scratch = await mkdtemp(join(tmpdir(), 'rollcall-check-generated-'));
  try {
    let drift = false;
    const api = transactionlink;
    const root = values.root ?? ROOT;
    const fresh = await bundleText(api, root);
    const committed = await readTextIfExists(join(root, api.bundle));
    if (committed !== fresh) {
      drift = true;
      process.stdout.write(`DRIFT: ${api.bundle} differs from what openapi/${api.name}/*.json produce.\n`);
      if (committed !== undefined) {
        process.stdout.write(
          formatChanges(diffSpecs(JSON.parse(committed) as OpenApiDoc, JSON.parse(fresh) as OpenApiDoc)),
        );
      }
      await writeFile(join(scratch, 'bundle.json'), fresh);
      process.stdout.write(clip(unifiedDiff(root, api.bundle, join(scratch, 'bundle.json'))));
    }

    await mkdir(join(scratch, 'root', 'openapi'), { recursive: true });
    await writeFile(join(scratch, 'root', api.bundle), fresh);
    const expected = await generatePackage(api, join(scratch, 'root'), join(scratch, 'root'));
    const generatedDiff = unifiedDiff(root, api.generated, expected, NOT_GENERATED);
    if (generatedDiff) {
      drift = true;
      process.stdout.write(`\nDRIFT: ${api.generated} differs from what the specs generate.\n${clip(generatedDiff)}`);
    }
    if (drift) {
      process.stdout.write(
        '\nRun `pnpm bundle && pnpm generate` and commit the result; never edit generated/ by hand.\n',
      );
      return 1;
    }
    process.stdout.write(`${api.bundle} and ${api.generated} match the specs.\n`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
});
