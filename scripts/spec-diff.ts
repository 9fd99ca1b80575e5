import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { parseCli, runScript, UsageError } from './lib/cli.js';
import { isObject, type OpenApiDoc } from './lib/openapi.js';
import { diffSpecs, formatChanges } from './lib/spec-diff.js';

const USAGE = `Usage: pnpm spec-diff OLD NEW [--json] [--fail-on-breaking]

Summarises what changed between two bundled specs: operations, parameters, request bodies,
responses and schemas added, removed or changed, breaking changes flagged. OLD and NEW are file
paths, or REV:PATH for a committed version, e.g.

  pnpm spec-diff HEAD:openapi/transactionlink.json openapi/transactionlink.json

  --json              print the changes as JSON
  --fail-on-breaking  exit 1 when any change is breaking
`;

async function load(spec: string): Promise<OpenApiDoc> {
  let text: string;
  try {
    text = await readFile(spec, 'utf8');
  } catch (error) {
    const revision = /^([^:]+):(.+)$/.exec(spec);
    if (!revision) throw new UsageError(`cannot read ${spec}: ${(error as Error).message}`);
    try {
      text = execFileSync('git', ['show', spec], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 256 * 1024 * 1024,
      });
    } catch {
      throw new UsageError(`cannot read ${spec}: neither a file nor a git revision:path`);
    }
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${spec} is not JSON: ${(error as Error).message}`);
  }
  if (!isObject(doc) || !isObject(doc.paths)) throw new UsageError(`${spec} is not an OpenAPI document (no paths)`);
  return doc as OpenApiDoc;
}

runScript('spec-diff', USAGE, async () => {
  const { values, positionals } = parseCli({
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      'fail-on-breaking': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (positionals.length !== 2) throw new UsageError(`expected OLD and NEW, got ${positionals.length} argument(s)`);
  const [before, after] = await Promise.all(positionals.map(load));
  const changes = diffSpecs(before as OpenApiDoc, after as OpenApiDoc);
  process.stdout.write(values.json ? `${JSON.stringify(changes, null, 2)}\n` : formatChanges(changes));
  return values['fail-on-breaking'] && changes.some((c) => c.breaking) ? 1 : 0;
});
