/**
 * A snapshot as `rollcall review` reads it: verified first (a snapshot that fails `verify` is
 * refused, with its mismatches), then every entity's rows read back from the best format it has
 * (NDJSON, then JSON, then CSV: JSON keeps nulls and strings exact; CSV cells are typed back as
 * the columns say, and the `'` the exporter put before formula-like cells is taken off again by
 * the shared reader).
 *
 * @module
 */
import { createHash } from 'node:crypto';
import * as FileSystem from '@effect/platform/FileSystem';
import * as Path from '@effect/platform/Path';
import * as Chunk from 'effect/Chunk';
import * as Effect from 'effect/Effect';
import * as Stream from 'effect/Stream';
import type { EntityDefinition } from '../entity.js';
import { SnapshotUnreadable, VerifyFailed } from '../errors.js';
import type { Format } from '../format.js';
import { type ReadRecord, readRecords, typeCsvRecord } from '../internal/record-parsers.js';
import { MANIFEST_FILE, type Manifest } from '../manifest.js';
import { sources } from '../sources/index.js';
import { type VerifyOptions, verifySnapshot } from '../verify.js';
import type { ReviewedSnapshot } from './review-document.js';

/** The rows of one entity and the file they were read from. */
export interface LoadedTable {
  /** File name inside the snapshot, e.g. `users.ndjson`. */
  readonly file: string;
  readonly rows: ReadonlyArray<ReadRecord>;
}

/**
 * A verified snapshot with its rows, as the review rules see it. `path` is as given on the command
 * line; `finishedAt` is the snapshot's "now" for time-based rules, so the same snapshots always give
 * the same findings.
 */
export interface LoadedSnapshot extends ReviewedSnapshot {
  /** The key id of a signature that was not checked (no public key given). */
  readonly uncheckedSignature?: string;
  readonly tables: Readonly<Record<string, LoadedTable>>;
}

const READ_PREFERENCE: ReadonlyArray<Format> = ['ndjson', 'json', 'csv'];

const readTable = (
  dir: string,
  manifest: Manifest,
  entity: EntityDefinition,
): Effect.Effect<LoadedTable | undefined, SnapshotUnreadable, FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function* () {
    const path = yield* Path.Path;
    const file = READ_PREFERENCE.flatMap((format) =>
      manifest.files.filter((candidate) => candidate.entity === entity.name && candidate.format === format),
    )[0];
    if (file === undefined) return undefined;
    const typed = file.format === 'csv' ? typeCsvRecord(entity) : (record: ReadRecord) => record;
    const rows = yield* readRecords(path.join(dir, file.name), file.format).pipe(Stream.map(typed), Stream.runCollect);
    return { file: file.name, rows: Chunk.toReadonlyArray(rows) };
  });

/**
 * Verifies the snapshot at `dir` (its signature too with `options.publicKey`) and reads it. Fails with `VerifyFailed` (its mismatches) when it
 * does not match its manifest, with `SnapshotUnreadable` when it is not a snapshot of a known source.
 */
export const loadSnapshot = (
  dir: string,
  options: VerifyOptions = {},
): Effect.Effect<LoadedSnapshot, SnapshotUnreadable | VerifyFailed, FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const path = yield* Path.Path;
    const report = yield* verifySnapshot(dir, options);
    if (report.mismatches.length > 0 || report.manifest === undefined) {
      return yield* new VerifyFailed({ dir: report.dir, mismatches: report.mismatches });
    }
    const manifest = report.manifest;
    const source = sources.find((candidate) => candidate.name === manifest.source.name);
    if (source === undefined) {
      return yield* new SnapshotUnreadable({ path: report.dir, reason: `unknown source "${manifest.source.name}"` });
    }
    const manifestBytes = yield* fs
      .readFile(path.join(report.dir, MANIFEST_FILE))
      .pipe(Effect.mapError((error) => new SnapshotUnreadable({ path: report.dir, reason: error.message })));
    const tables: Record<string, LoadedTable> = {};
    for (const entity of source.entities) {
      const table = yield* readTable(report.dir, manifest, entity);
      if (table !== undefined) tables[entity.name] = table;
    }
    return {
      path: dir,
      source: source.name,
      startedAt: manifest.startedAt,
      finishedAt: manifest.finishedAt,
      manifestSha256: createHash('sha256').update(manifestBytes).digest('hex'),
      signedBy: report.signature.status === 'verified' ? report.signature.keyId : null,
      ...(report.signature.status === 'unchecked' && { uncheckedSignature: report.signature.keyId }),
      tables,
    };
  });
