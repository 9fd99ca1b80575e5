import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APIS, type Api, ROOT } from './lib/apis.js';
import { parseCli, runScript } from './lib/cli.js';
import { readTextIfExists } from './lib/files.js';
import { generatePackage, NOT_GENERATED } from './lib/generate.js';
import type { OpenApiDoc } from './lib/openapi.js';
import { diffSpecs, formatChanges } from './lib/spec-diff.js';
import { expectedSpecText } from './lib/spec-source.js';

const USAGE = `Usage: pnpm check-generated [--root DIR] [--gitbook-spec PATH]

For each API, rebuilds its spec from its inputs (TransactionLink: openapi/transactionlink/*.json;
GitBook: the installed @gitbook/api package) and regenerates its client into a temporary folder,
then compares both with what is committed. Exits 1 with a summary of the spec change and a
unified diff when openapi/<api>.json or generated/<api> differ.

  --root DIR           repository root (default: this checkout)
  --gitbook-spec PATH  compare against this GitBook spec instead of the installed package
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
  const { values } = parseCli({
    options: {
      root: { type: 'string' },
      'gitbook-spec': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const root = values.root ?? ROOT;
  let drift = false;
  for (const api of APIS) {
    const scratch = await mkdtemp(join(tmpdir(), `rollcall-check-${api.name}-`));
    try {
      drift = (await checkApi(api, root, scratch, values['gitbook-spec'])) || drift;
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }
  if (drift) {
    process.stdout.write(
      '\nRun `pnpm fetch-specs --api gitbook` (GitBook) or `pnpm bundle` (TransactionLink), then `pnpm generate`, and commit the result; never edit generated/ by hand.\n',
    );
    return 1;
  }
});

/** Compares one API's committed spec and generated package with what its inputs produce. */
async function checkApi(api: Api, root: string, scratch: string, upstreamPath: string | undefined): Promise<boolean> {
  let drift = false;
  const fresh = await expectedSpecText(api, { root, upstreamPath });
  const committed = await readTextIfExists(join(root, api.bundle));
  if (committed !== fresh) {
    drift = true;
    process.stdout.write(`DRIFT: ${api.bundle} does not match ${inputsOf(api, upstreamPath)}.\n`);
    if (committed !== undefined) {
      process.stdout.write(
        formatChanges(diffSpecs(JSON.parse(committed) as OpenApiDoc, JSON.parse(fresh) as OpenApiDoc)),
      );
    }
    await writeFile(join(scratch, 'spec.json'), fresh);
    process.stdout.write(clip(unifiedDiff(root, api.bundle, join(scratch, 'spec.json'))));
  }

  await mkdir(join(scratch, 'root', 'openapi'), { recursive: true });
  await writeFile(join(scratch, 'root', api.bundle), fresh);
  const expected = await generatePackage(api, join(scratch, 'root'), join(scratch, 'root'), root);
  const generatedDiff = unifiedDiff(root, api.generated, expected, NOT_GENERATED);
  if (generatedDiff) {
    drift = true;
    process.stdout.write(`\nDRIFT: ${api.generated} differs from what the specs generate.\n${clip(generatedDiff)}`);
  }
  if (!drift) process.stdout.write(`${api.bundle} and ${api.generated} match ${inputsOf(api, upstreamPath)}.\n`);
  return drift;
}

const inputsOf = (api: Api, upstreamPath: string | undefined): string => {
  if (api.kind === 'sectioned') return `${api.sectionsDir}/*.json`;
  return upstreamPath === undefined ? `the installed ${api.upstreamPackage}` : `the spec at ${upstreamPath}`;
};
