/**
 * `rollcall diff OLD NEW`: what changed between two snapshots of the same source, entity by
 * entity as the source's diff rules say (for TransactionLink: users added, removed, changing role
 * or status; enrollments added, removed, changing status; memberships added, removed, changing
 * role; for GitBook: members added, removed, changing role, disabled or sso; invite links added,
 * removed, changing role or redundant). Files are sorted by key, so both snapshots are read side
 * by side in one pass (a merge join) and memory holds the changes only. Reads whichever format
 * each snapshot has, NDJSON then JSON then CSV (its cells typed back as the columns say).
 *
 * @module
 */
import * as FileSystem from '@effect/platform/FileSystem';
import * as Path from '@effect/platform/Path';
import * as Chunk from 'effect/Chunk';
import * as Effect from 'effect/Effect';
import * as Option from 'effect/Option';
import type * as Scope from 'effect/Scope';
import * as Stream from 'effect/Stream';
import { type Cell, compareKeys, type EntityDefinition, keyPart } from './entity.js';
import { SnapshotUnreadable, UsageError } from './errors.js';
import type { Format } from './format.js';
import { type ReadRecord, readRecords, typeCsvRecord } from './internal/record-parsers.js';
import { decodeManifest, MANIFEST_FILE, type Manifest } from './manifest.js';
import type { Source } from './source.js';

/** A row as `diff` shows it: key, label and tracked fields. */
export type DiffRow = Readonly<Record<string, Cell>>;

/** A row present in both snapshots whose tracked fields differ: its key and label (new values), and each change. */
export interface ChangedRow {
  readonly row: DiffRow;
  readonly changes: Readonly<Record<string, { readonly old: Cell; readonly new: Cell }>>;
}

/** The changes of one entity. */
export interface EntityChanges {
  readonly added: ReadonlyArray<DiffRow>;
  readonly removed: ReadonlyArray<DiffRow>;
  readonly changed: ReadonlyArray<ChangedRow>;
}

/** One side of a diff. */
export interface DiffSide {
  readonly path: string;
  readonly finishedAt: string;
}

/** Everything that changed between two snapshots, per entity (in the source's entity order). */
export interface SnapshotDiff {
  readonly source: string;
  readonly old: DiffSide;
  readonly new: DiffSide;
  readonly entities: Readonly<Record<string, EntityChanges>>;
}

/** Preferred format to read: JSON keeps nulls and strings exact, CSV only approximately. */
const READ_PREFERENCE: ReadonlyArray<Format> = ['ndjson', 'json', 'csv'];

interface Snapshot {
  readonly dir: string;
  readonly manifest: Manifest;
}

const readSnapshot = (dir: string): Effect.Effect<Snapshot, SnapshotUnreadable, FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const path = yield* Path.Path;
    const absolute = path.resolve(dir);
    const manifestPath = path.join(absolute, MANIFEST_FILE);
    const text = yield* fs
      .readFileString(manifestPath)
      .pipe(
        Effect.mapError(
          (error) => new SnapshotUnreadable({ path: absolute, reason: `not a snapshot: ${error.message}` }),
        ),
      );
    const manifest = yield* Effect.try({
      try: () => decodeManifest(text),
      catch: (error) =>
        new SnapshotUnreadable({
          path: manifestPath,
          reason: `not a valid manifest: ${error instanceof Error ? error.message : String(error)}`,
        }),
    });
    return { dir: absolute, manifest };
  });

/** Pulls records one at a time from a stream, and checks they come in strictly increasing key order. */
const cursor = (
  stream: Stream.Stream<ReadRecord, SnapshotUnreadable>,
  keyColumns: ReadonlyArray<string>,
  where: string,
): Effect.Effect<Effect.Effect<ReadRecord | undefined, SnapshotUnreadable>, never, Scope.Scope> =>
  Effect.map(Stream.toPull(stream), (pull) => {
    let buffer: ReadonlyArray<ReadRecord> = [];
    let index = 0;
    let done = false;
    let previous: ReadonlyArray<string> | undefined;
    const checked = (record: ReadRecord): Effect.Effect<ReadRecord, SnapshotUnreadable> => {
      const key = keyColumns.map((column) => keyPart(record[column]));
      if (previous !== undefined && compareKeys(previous, key) >= 0) {
        return Effect.fail(
          new SnapshotUnreadable({
            path: where,
            reason: `not sorted by ${keyColumns.join(', ')} (at ${key.join(', ')}); run rollcall verify on it`,
          }),
        );
      }
      previous = key;
      return Effect.succeed(record);
    };
    const next: Effect.Effect<ReadRecord | undefined, SnapshotUnreadable> = Effect.suspend(() => {
      if (index < buffer.length) return checked(buffer[index++]!);
      if (done) return Effect.succeed(undefined);
      return Effect.matchEffect(pull, {
        onFailure: Option.match({
          onNone: () => {
            done = true;
            return Effect.succeed(undefined);
          },
          onSome: (error) => Effect.fail(error),
        }),
        onSuccess: (chunk) => {
          buffer = Chunk.toReadonlyArray(chunk);
          index = 0;
          return next;
        },
      });
    });
    return next;
  });

const entityFile = (snapshot: Snapshot, entity: string) => {
  for (const format of READ_PREFERENCE) {
    const file = snapshot.manifest.files.find(
      (candidate) => candidate.entity === entity && candidate.format === format,
    );
    if (file !== undefined) return file;
  }
  return undefined;
};

/** Compares one entity of two snapshots in a single pass over both sorted files. */
const diffEntity = (
  entity: EntityDefinition,
  older: Snapshot,
  newer: Snapshot,
): Effect.Effect<EntityChanges, SnapshotUnreadable, FileSystem.FileSystem | Path.Path> =>
  Effect.scoped(
    Effect.gen(function* () {
      const path = yield* Path.Path;
      const rules = entity.diff!;
      const open = (snapshot: Snapshot) =>
        Effect.gen(function* () {
          const file = entityFile(snapshot, entity.name);
          if (file === undefined) {
            return yield* new SnapshotUnreadable({
              path: snapshot.dir,
              reason: `no ${entity.name} file in the manifest`,
            });
          }
          const filePath = path.join(snapshot.dir, file.name);
          const fs = yield* FileSystem.FileSystem;
          const records = readRecords(filePath, file.format).pipe(
            Stream.map(file.format === 'csv' ? typeCsvRecord(entity) : (record) => record),
            Stream.provideService(FileSystem.FileSystem, fs),
          );
          return yield* cursor(records, entity.sortKey, filePath);
        });
      const nextOld = yield* open(older);
      const nextNew = yield* open(newer);

      const key = (record: ReadRecord) => entity.sortKey.map((column) => keyPart(record[column]));
      const identity = (record: ReadRecord): Record<string, Cell> => {
        const shown: Record<string, Cell> = {};
        for (const column of [...entity.sortKey, ...rules.label]) shown[column] = record[column] ?? null;
        return shown;
      };
      const whole = (record: ReadRecord): DiffRow => {
        const shown = identity(record);
        for (const field of rules.tracked) shown[field.name] = record[field.show] ?? null;
        return shown;
      };

      const added: Array<DiffRow> = [];
      const removed: Array<DiffRow> = [];
      const changed: Array<ChangedRow> = [];
      let a = yield* nextOld;
      let b = yield* nextNew;
      while (a !== undefined || b !== undefined) {
        const order = a === undefined ? 1 : b === undefined ? -1 : compareKeys(key(a), key(b));
        if (order < 0) {
          removed.push(whole(a!));
          a = yield* nextOld;
        } else if (order > 0) {
          added.push(whole(b!));
          b = yield* nextNew;
        } else {
          const changes: Record<string, { old: Cell; new: Cell }> = {};
          for (const field of rules.tracked) {
            if (keyPart(a![field.compare]) !== keyPart(b![field.compare])) {
              changes[field.name] = { old: a![field.show] ?? null, new: b![field.show] ?? null };
            }
          }
          if (Object.keys(changes).length > 0) changed.push({ row: identity(b!), changes });
          a = yield* nextOld;
          b = yield* nextNew;
        }
      }
      return { added, removed, changed };
    }),
  );

/**
 * What changed from the snapshot in `oldDir` to the one in `newDir`. `sources` are the known
 * sources (their entities' diff rules); both snapshots must come from the same one.
 */
export const diffSnapshots = (
  oldDir: string,
  newDir: string,
  sources: ReadonlyArray<Pick<Source, 'name' | 'entities'>>,
): Effect.Effect<SnapshotDiff, SnapshotUnreadable | UsageError, FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function* () {
    const older = yield* readSnapshot(oldDir);
    const newer = yield* readSnapshot(newDir);
    const sourceName = older.manifest.source.name;
    if (newer.manifest.source.name !== sourceName) {
      return yield* new UsageError({
        message: `cannot compare a ${sourceName} snapshot (${older.dir}) with a ${newer.manifest.source.name} one (${newer.dir})`,
      });
    }
    const source = sources.find((candidate) => candidate.name === sourceName);
    if (source === undefined) {
      return yield* new SnapshotUnreadable({
        path: older.dir,
        reason: `a snapshot of ${sourceName}, which this version of rollcall does not know`,
      });
    }
    const entities: Record<string, EntityChanges> = {};
    for (const entity of source.entities) {
      if (entity.diff !== undefined) entities[entity.name] = yield* diffEntity(entity, older, newer);
    }
    return {
      source: sourceName,
      old: { path: older.dir, finishedAt: older.manifest.finishedAt },
      new: { path: newer.dir, finishedAt: newer.manifest.finishedAt },
      entities,
    };
  });

/** Whether the diff found anything. */
export const hasChanges = (diff: SnapshotDiff): boolean =>
  Object.values(diff.entities).some(
    (changes) => changes.added.length + changes.removed.length + changes.changed.length > 0,
  );
