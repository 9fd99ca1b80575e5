import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExport } from '../src/export.js';
import { encodeManifest, type Manifest } from '../src/manifest.js';
import { verifySnapshot } from '../src/verify.js';
import { fakeSource, person } from './support/fake-source.js';
import { run, runEither, temporaryDir } from './support/run.js';

const snapshot = async () => {
  const source = fakeSource({
    people: [person('p1', 'a@example.com', 't1'), person('p2', 'b@example.com', 't1')],
    teams: [['t1', 'One']],
  });
  const { path, manifest } = await run(
    runExport({
      source,
      out: join(temporaryDir(), 'snap'),
      formats: ['csv', 'json', 'ndjson'],
      pageSize: 10,
      concurrency: 1,
      bom: false,
    }),
  );
  return { path, manifest };
};

const verify = async (dir: string) => (await run(verifySnapshot(dir))).mismatches;

/** Rewrites a file and its manifest entry's size and hash, leaving the row count as it was. */
const rewriteKeepingRowCount = (dir: string, manifest: Manifest, name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  const files = manifest.files.map((file) =>
    file.name === name
      ? { ...file, bytes: Buffer.byteLength(text), sha256: createHash('sha256').update(text).digest('hex') }
      : file,
  );
  writeFileSync(join(dir, 'manifest.json'), encodeManifest({ ...manifest, files }));
};

describe('verifySnapshot', () => {
  it('finds a fresh snapshot intact', async () => {
    const { path } = await snapshot();
    expect(await verify(path)).toEqual([]);
  });

  it('names the file whose bytes changed, with size and hash', async () => {
    const { path, manifest } = await snapshot();
    const file = join(path, 'people.json');
    const bytes = readFileSync(file);
    bytes[10] = bytes[10] === 0x61 ? 0x62 : 0x61;
    writeFileSync(file, bytes);
    const mismatches = await verify(path);
    expect(mismatches).toHaveLength(1);
    const expected = manifest.files.find((f) => f.name === 'people.json')!.sha256;
    expect(mismatches[0]).toMatch(new RegExp(`^people\\.json: SHA-256 [0-9a-f]{64}, the manifest says ${expected}$`));
  });

  it('reports missing, unlisted and unparseable files', async () => {
    const { path } = await snapshot();
    rmSync(join(path, 'teams.csv'));
    writeFileSync(join(path, 'notes.txt'), 'hello');
    appendFileSync(join(path, 'people.ndjson'), 'not json\n');
    const mismatches = await verify(path);
    expect(mismatches).toContain('teams.csv: missing');
    expect(mismatches).toContain('notes.txt: not listed in the manifest');
    expect(mismatches.filter((m) => m.startsWith('people.ndjson: '))).toEqual([
      expect.stringMatching(/^people\.ndjson: cannot be parsed as ndjson: line 3 is not valid JSON/),
      expect.stringMatching(/^people\.ndjson: \d+ bytes, the manifest says \d+$/),
      expect.stringMatching(/^people\.ndjson: SHA-256 /),
    ]);
  });

  it('counts rows with a real parser: a quoted line break is not a row, a lost row is noticed', async () => {
    const { path, manifest } = await snapshot();
    const csv =
      'id,email,teamId,teamName,status,admin,score,seenAt\r\np1,"a@\r\nexample.com",t1,One,ACTIVE,false,,\r\n';
    rewriteKeepingRowCount(path, manifest, 'people.csv', csv);
    expect(await verify(path)).toEqual(['people.csv: 1 rows, the manifest says 2']);
    const json = '[\n{"id":"p1"},\n{"id":"p2"},\n{"id":"p3"}\n]\n';
    rewriteKeepingRowCount(path, manifest, 'people.json', json);
    expect(await verify(path)).toContain('people.json: 3 rows, the manifest says 2');
  });

  it('reports a missing or broken manifest', async () => {
    const { path } = await snapshot();
    writeFileSync(join(path, 'manifest.json'), '{"manifestVersion": 1}');
    expect((await verify(path))[0]).toMatch(/^manifest\.json: not a valid manifest: /);
    renameSync(join(path, 'manifest.json'), join(path, 'other.json'));
    expect(await verify(path)).toEqual(['manifest.json: missing']);
  });

  it('fails when the folder cannot be listed', async () => {
    const result = await runEither(verifySnapshot(join(temporaryDir(), 'nothing-here')));
    expect(result._tag === 'Left' && result.left._tag).toBe('SnapshotUnreadable');
  });
});
