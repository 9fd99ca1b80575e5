/**
 * A source made of in-memory rows, for testing the exporter's own logic (sorting, writers,
 * manifest, atomic folder, verify, diff) without an API. The TransactionLink source itself is
 * tested end to end against the sandbox.
 */
import { Effect, Redacted, Stream } from 'effect';
import type { Column, EntityDefinition, Row } from '../../src/entity.js';
import { type EntityDrift, SourceFailure } from '../../src/errors.js';
import type { Source } from '../../src/source.js';

export const FAKE_TOKEN = `tot_${'f4K3'.repeat(13)}`;

export const people: EntityDefinition = {
  name: 'people',
  columns: (
    [
      ['id', 'string'],
      ['email', 'string'],
      ['teamId', 'string'],
      ['teamName', 'string'],
      ['status', 'string'],
      ['admin', 'boolean'],
      ['score', 'number'],
      ['seenAt', 'timestamp'],
    ] as const
  ).map(([name, type]): Column => ({ name, type })),
  sortKey: ['id'],
  diff: {
    label: ['email'],
    tracked: [
      { name: 'team', compare: 'teamId', show: 'teamName' },
      { name: 'status', compare: 'status', show: 'status' },
    ],
  },
};

export const teams: EntityDefinition = {
  name: 'teams',
  columns: [
    { name: 'id', type: 'string' },
    { name: 'name', type: 'string' },
  ],
  sortKey: ['id'],
};

export const seats: EntityDefinition = {
  name: 'seats',
  columns: [
    { name: 'teamId', type: 'string' },
    { name: 'personId', type: 'string' },
    { name: 'role', type: 'string' },
  ],
  sortKey: ['teamId', 'personId'],
  diff: { label: [], tracked: [{ name: 'role', compare: 'role', show: 'role' }] },
};

/** Rows per entity; a function is called once per fetch attempt (1, 2, …) to vary them. */
export type FakeData = Readonly<
  Record<string, ReadonlyArray<Row> | ((attempt: number) => Stream.Stream<Row, SourceFailure | EntityDrift>)>
>;

/** `people` (joined with `teams` for teamName), `teams` and `seats`, with rows from `data`. */
export const fakeSource = (data: FakeData, name = 'fake'): Source & { readonly attempts: Map<string, number> } => {
  const attempts = new Map<string, number>();
  return {
    name,
    system: 'Fake',
    apiVersion: 'test',
    entities: [people, teams, seats],
    attempts,
    connect: (options) =>
      Effect.succeed({
        baseUrl: options.baseUrl ?? 'https://fake.example',
        token: options.token ?? Redacted.make(FAKE_TOKEN),
        tokenSource: options.tokenSource ?? 'FAKE_TOKEN',
        rows: (entity) => {
          const attempt = (attempts.get(entity) ?? 0) + 1;
          attempts.set(entity, attempt);
          const rows = data[entity] ?? [];
          if (typeof rows === 'function') return rows(attempt);
          options.observer.page(entity, rows.length);
          // Small chunks, in the order given: the exporter must sort.
          return Stream.fromIterable(rows).pipe(Stream.rechunk(3));
        },
      }),
    complete: (entity, row, lookup) => {
      if (entity !== 'people') return row;
      const team = lookup('teams', [String(row[2])]);
      const copy = [...row];
      copy[3] = team?.[1] ?? null;
      return copy;
    },
  };
};

/** A person row in `people`'s column order (teamName is filled by the join). */
export const person = (
  id: string,
  email: string,
  teamId: string,
  status = 'ACTIVE',
  extra: { admin?: boolean; score?: number | null; seenAt?: string | null } = {},
): Row => [id, email, teamId, null, status, extra.admin ?? false, extra.score ?? null, extra.seenAt ?? null];

export const failing = (entity: string, message: string) =>
  Stream.fail(new SourceFailure({ entity, reason: 'ServerError', message }));
