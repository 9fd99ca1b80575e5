import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Deferred, Effect, Either, Fiber, Redacted, Stream } from 'effect';
import { describe, expect, it } from 'vitest';
import { EntityDrift } from '../src/errors.js';
import { runExport } from '../src/export.js';
import { decodeManifest } from '../src/manifest.js';
import { FAKE_TOKEN, failing, fakeSource, person } from './support/fake-source.js';
import { run, runEither, temporaryDir } from './support/run.js';

const DATA = {
  people: [
    person('p3', 'carol@example.com', 't2', 'ACTIVE', { admin: true, score: -1 }),
    person('p1', '=alice@example.com', 't1', 'ACTIVE', { seenAt: '2026-01-05T09:00:00Z' }),
    person('p2', 'bob@example.com', 't9', 'TERMINATED'),
  ],
  teams: [
    ['t2', 'Two'],
    ['t1', 'One'],
  ],
  seats: [],
};

const exportTo = (
  out: string,
  source = fakeSource(DATA),
  formats: Array<'csv' | 'json' | 'ndjson'> = ['csv', 'json', 'ndjson'],
) => runExport({ source, out, formats, pageSize: 10, concurrency: 2, bom: false });

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('runExport', () => {
  it('writes every entity in every format, sorted and joined, with a manifest that matches the bytes', async () => {
    const out = join(temporaryDir(), 'snap');
    const { path, manifest } = await run(exportTo(out));
    expect(path).toBe(out);
    expect(readdirSync(out).sort()).toEqual([
      'manifest.json',
      'people.csv',
      'people.json',
      'people.ndjson',
      'seats.csv',
      'seats.json',
      'seats.ndjson',
      'teams.csv',
      'teams.json',
      'teams.ndjson',
    ]);
    expect(readFileSync(join(out, 'people.csv'), 'utf8')).toBe(
      [
        'id,email,teamId,teamName,status,admin,score,seenAt',
        "p1,'=alice@example.com,t1,One,ACTIVE,false,,2026-01-05T09:00:00Z",
        'p2,bob@example.com,t9,,TERMINATED,false,,',
        'p3,carol@example.com,t2,Two,ACTIVE,true,-1,',
        '',
      ].join('\r\n'),
    );
    expect(readFileSync(join(out, 'seats.csv'), 'utf8')).toBe('teamId,personId,role\r\n');
    expect(readFileSync(join(out, 'seats.json'), 'utf8')).toBe('[]\n');
    expect(readFileSync(join(out, 'seats.ndjson'), 'utf8')).toBe('');
    expect(JSON.parse(readFileSync(join(out, 'people.json'), 'utf8'))[0]).toEqual({
      id: 'p1',
      email: '=alice@example.com',
      teamId: 't1',
      teamName: 'One',
      status: 'ACTIVE',
      admin: false,
      score: null,
      seenAt: '2026-01-05T09:00:00Z',
    });

    const onDisk = decodeManifest(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(onDisk).toEqual(manifest);
    for (const file of manifest.files) {
      expect(file.bytes, file.name).toBe(statSync(join(out, file.name)).size);
      expect(file.sha256, file.name).toBe(sha256(join(out, file.name)));
    }
    expect(manifest.files.map((file) => [file.name, file.rows])).toEqual([
      ['people.csv', 3],
      ['people.json', 3],
      ['people.ndjson', 3],
      ['seats.csv', 0],
      ['seats.json', 0],
      ['seats.ndjson', 0],
      ['teams.csv', 2],
      ['teams.json', 2],
      ['teams.ndjson', 2],
    ]);
    expect(manifest.csv?.neutralisedCells).toEqual({ 'people.csv': 1, 'seats.csv': 0, 'teams.csv': 0 });
    expect(manifest.tokenFingerprint).toBe(createHash('sha256').update(FAKE_TOKEN).digest('hex').slice(0, 12));
    expect(manifest.counts.pages).toBe(3);
    expect(manifest.warnings).toEqual([
      '1 people row refer to teams absent from the snapshot; their joined columns are empty',
    ]);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).not.toContain(FAKE_TOKEN);
  });

  it('creates the folder 0700 and every file 0600, and leaves no work files behind', async () => {
    const parent = temporaryDir();
    const out = join(parent, 'nested', 'snap');
    await run(exportTo(out, fakeSource(DATA), ['csv']));
    expect(statSync(out).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(out)) expect(statSync(join(out, name)).mode & 0o777, name).toBe(0o600);
    expect(readdirSync(join(parent, 'nested'))).toEqual(['snap']);
  });

  it('gives the same bytes for the same data, whatever order it arrives in', async () => {
    const first = await run(exportTo(join(temporaryDir(), 'a')));
    const reversed = { ...DATA, people: [...DATA.people].reverse(), teams: [...DATA.teams].reverse() };
    const second = await run(exportTo(join(temporaryDir(), 'b'), fakeSource(reversed)));
    expect(second.manifest.files).toEqual(first.manifest.files);
  });

  it('writes the same bytes when the rows do not fit in memory and are sorted through work files', async () => {
    const inMemory = await run(exportTo(join(temporaryDir(), 'a')));
    const parent = temporaryDir();
    const onDisk = await run(
      runExport({
        source: fakeSource(DATA),
        out: join(parent, 'b'),
        formats: ['csv', 'json', 'ndjson'],
        pageSize: 10,
        concurrency: 2,
        bom: false,
        memoryBudget: 1,
      }),
    );
    expect(onDisk.manifest.files).toEqual(inMemory.manifest.files);
    expect(onDisk.manifest.warnings).toEqual(inMemory.manifest.warnings);
    expect(readdirSync(parent)).toEqual(['b']);
  });

  it('refuses an existing target and touches nothing', async () => {
    const out = join(temporaryDir(), 'snap');
    mkdirSync(out);
    const source = fakeSource(DATA);
    const result = await runEither(exportTo(out, source));
    expect(Either.isLeft(result) && result.left._tag).toBe('SnapshotExists');
    expect(readdirSync(out)).toEqual([]);
    expect(source.attempts.size).toBe(0);
  });

  it('fails closed: an entity that cannot be fetched leaves nothing at the target or beside it', async () => {
    const parent = temporaryDir();
    const out = join(parent, 'snap');
    const source = fakeSource({ ...DATA, teams: () => failing('teams', 'teams: GET /teams → 500 (4 attempts)') });
    const result = await runEither(exportTo(out, source));
    expect(Either.isLeft(result) && result.left._tag).toBe('SourceFailure');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('fetches a drifting entity once more, and succeeds when it settles', async () => {
    const source = fakeSource({
      ...DATA,
      teams: (attempt) =>
        attempt === 1
          ? Stream.concat(
              Stream.make(['t1', 'One']),
              Stream.fail(new EntityDrift({ entity: 'teams', detail: 'total moved' })),
            )
          : Stream.fromIterable(DATA.teams),
    });
    const { manifest } = await run(exportTo(join(temporaryDir(), 'snap'), source));
    expect(source.attempts.get('teams')).toBe(2);
    expect(manifest.counts.refetches).toBe(1);
    expect(manifest.files.find((file) => file.name === 'teams.csv')?.rows).toBe(2);
  });

  it('fails with a clear message when the entity drifts twice, and treats a repeated key as drift', async () => {
    const parent = temporaryDir();
    const source = fakeSource({ ...DATA, teams: () => Stream.make(['t1', 'One'], ['t1', 'One again']) });
    const result = await runEither(exportTo(join(parent, 'snap'), source));
    expect(source.attempts.get('teams')).toBe(2);
    expect(Either.isLeft(result) && result.left.message).toBe(
      'teams changed while it was being exported: the row with id t1 came twice, and again when fetched a second time; the data is being changed, export later',
    );
    expect(readdirSync(parent)).toEqual([]);
  });

  it('removes the temporary folder when interrupted, and leaves nothing at the target', async () => {
    const parent = temporaryDir();
    const out = join(parent, 'snap');
    const result = await run(
      Effect.gen(function* () {
        const started = yield* Deferred.make<void>();
        const source = fakeSource({
          ...DATA,
          people: () =>
            Stream.concat(Stream.fromEffect(Deferred.succeed(started, undefined)).pipe(Stream.drain), Stream.never),
        });
        const fiber = yield* Effect.fork(exportTo(out, source));
        yield* Deferred.await(started);
        const during = readdirSync(parent);
        yield* Fiber.interrupt(fiber);
        return { during, after: readdirSync(parent) };
      }),
    );
    expect(result.during).toHaveLength(1);
    expect(result.during[0]).toMatch(/^\.snap\.partial-[0-9a-f]{12}$/);
    expect(result.after).toEqual([]);
  });

  it('records where the token came from and the base URL in use, never the token', async () => {
    const token = `tot_${'Zz9y'.repeat(13)}`;
    const { manifest, path } = await run(
      runExport({
        source: fakeSource(DATA),
        out: join(temporaryDir(), 'snap'),
        formats: ['ndjson'],
        pageSize: 5,
        concurrency: 1,
        bom: true,
        baseUrl: 'https://other.example',
        token: Redacted.make(token),
        tokenSource: '--token-file',
      }),
    );
    expect(manifest.source).toEqual({
      name: 'fake',
      system: 'Fake',
      baseUrl: 'https://other.example',
      apiVersion: 'test',
    });
    expect(manifest.parameters).toEqual({
      formats: ['ndjson'],
      pageSize: 5,
      concurrency: 1,
      bom: true,
      tokenSource: '--token-file',
    });
    expect(manifest.csv).toBeNull();
    for (const name of readdirSync(path)) expect(readFileSync(join(path, name), 'utf8')).not.toContain(token);
  });
});
