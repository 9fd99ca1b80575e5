import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Either } from 'effect';
import { describe, expect, it } from 'vitest';
import { diffSnapshots, hasChanges } from '../src/diff.js';
import { formatDiffText } from '../src/diff-format.js';
import type { Row } from '../src/entity.js';
import { runExport } from '../src/export.js';
import type { Format } from '../src/format.js';
import { type FakeData, fakeSource, person } from './support/fake-source.js';
import { run, runEither, temporaryDir } from './support/run.js';

const exportOf = async (data: FakeData, formats: Array<Format>, name = 'fake') =>
  (
    await run(
      runExport({
        source: fakeSource(data, name),
        out: join(temporaryDir(), 'snap'),
        formats,
        pageSize: 10,
        concurrency: 1,
        bom: true,
      }),
    )
  ).path;

const TEAMS: Array<Row> = [
  ['t1', 'One'],
  ['t2', 'Two'],
];
const BEFORE: FakeData = {
  people: [
    person('p1', 'alice@example.com', 't1'),
    person('p2', 'bob@example.com', 't1'),
    person('p3', '=carol@example.com', 't1'),
    person('p4', 'dave@example.com', 't2'),
  ],
  teams: TEAMS,
  seats: [
    ['t1', 'p1', 'lead'],
    ['t1', 'p2', 'member'],
  ],
};
const AFTER: FakeData = {
  people: [
    person('p1', 'alice@example.com', 't2'),
    person('p3', '=carol@example.com', 't1', 'TERMINATED'),
    person('p4', 'dave@example.com', 't2', 'ACTIVE', { score: 5 }),
    person('p5', 'erin@example.com', 't1'),
  ],
  teams: TEAMS,
  seats: [
    ['t1', 'p1', 'member'],
    ['t2', 'p5', 'member'],
  ],
};

const sources = [fakeSource({})];

describe('diffSnapshots', () => {
  it('finds added, removed and changed rows by the tracked fields only', async () => {
    const older = await exportOf(BEFORE, ['json']);
    const newer = await exportOf(AFTER, ['json']);
    const diff = await run(diffSnapshots(older, newer, sources));
    expect(diff.entities.people).toEqual({
      added: [{ id: 'p5', email: 'erin@example.com', team: 'One', status: 'ACTIVE' }],
      removed: [{ id: 'p2', email: 'bob@example.com', team: 'One', status: 'ACTIVE' }],
      changed: [
        { row: { id: 'p1', email: 'alice@example.com' }, changes: { team: { old: 'One', new: 'Two' } } },
        { row: { id: 'p3', email: '=carol@example.com' }, changes: { status: { old: 'ACTIVE', new: 'TERMINATED' } } },
      ],
    });
    expect(diff.entities.seats).toEqual({
      added: [{ teamId: 't2', personId: 'p5', role: 'member' }],
      removed: [{ teamId: 't1', personId: 'p2', role: 'member' }],
      changed: [{ row: { teamId: 't1', personId: 'p1' }, changes: { role: { old: 'lead', new: 'member' } } }],
    });
    expect(diff.entities.teams).toBeUndefined();
    expect(hasChanges(diff)).toBe(true);
  });

  it('gives the same answer whichever formats the snapshots have (CSV with BOM and formula prefixes included)', async () => {
    const json = await run(diffSnapshots(await exportOf(BEFORE, ['json']), await exportOf(AFTER, ['ndjson']), sources));
    const csv = await run(diffSnapshots(await exportOf(BEFORE, ['csv']), await exportOf(AFTER, ['csv']), sources));
    expect(csv.entities).toEqual(json.entities);
  });

  it('finds nothing between two snapshots of the same data', async () => {
    const diff = await run(diffSnapshots(await exportOf(BEFORE, ['csv']), await exportOf(BEFORE, ['json']), sources));
    expect(hasChanges(diff)).toBe(false);
    expect(formatDiffText(diff, sources[0]!)).toContain('No differences.');
  });

  it('prints a table per entity with the details of each change', async () => {
    const diff = await run(diffSnapshots(await exportOf(BEFORE, ['json']), await exportOf(AFTER, ['json']), sources));
    const text = formatDiffText(diff, sources[0]!);
    expect(text).toContain('people: 1 added, 1 removed, 2 changed');
    expect(text).toMatch(/\n {2}change +id +email +details\n/);
    expect(text).toMatch(/\n {2}added +p5 +erin@example\.com +team One, status ACTIVE\n/);
    expect(text).toMatch(/\n {2}changed +p3 +=carol@example\.com +status ACTIVE → TERMINATED\n/);
    expect(text).toContain('seats: 1 added, 1 removed, 1 changed');
  });

  it('refuses snapshots of different sources, and files that are not sorted', async () => {
    const mixed = await runEither(
      diffSnapshots(await exportOf(BEFORE, ['json']), await exportOf(AFTER, ['json'], 'other'), sources),
    );
    expect(Either.isLeft(mixed) && mixed.left._tag).toBe('UsageError');

    const older = await exportOf(BEFORE, ['ndjson']);
    const file = join(older, 'people.ndjson');
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    writeFileSync(file, `${[lines[1], lines[0], ...lines.slice(2)].join('\n')}\n`);
    const unsorted = await runEither(diffSnapshots(older, await exportOf(AFTER, ['json']), sources));
    expect(Either.isLeft(unsorted) && unsorted.left.message).toMatch(/people\.ndjson: not sorted by id/);
  });
});
