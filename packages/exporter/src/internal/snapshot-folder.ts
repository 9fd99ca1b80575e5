/**
 * The atomic snapshot folder: everything is written into a temporary sibling of the target
 * (mode 0700), fsynced, and renamed into place only when complete. On any failure or
 * interruption the temporary folder is removed, so the target path either holds a complete
 * snapshot or nothing. An existing path is never overwritten.
 */
import { randomBytes } from 'node:crypto';
import * as FileSystem from '@effect/platform/FileSystem';
import * as Path from '@effect/platform/Path';
import * as Effect from 'effect/Effect';
import * as Exit from 'effect/Exit';
import { SnapshotExists, type SnapshotWriteFailure } from '../errors.js';
import { writeFailure } from './file-sink.js';

/**
 * Flushes a directory's entries to disk. Some platforms cannot open a directory for that
 * (Windows); there the files' own fsync is all there is, so a failure here is not an error.
 */
export const syncDirectory = (dir: string): Effect.Effect<void, never, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const handle = yield* fs.open(dir, { flag: 'r' });
    yield* handle.sync;
  }).pipe(Effect.scoped, Effect.ignore);

/** Fails with `SnapshotExists` when something is at `path` already. */
export const ensureAbsent = (
  path: string,
): Effect.Effect<void, SnapshotExists | SnapshotWriteFailure, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const exists = yield* fs.exists(path).pipe(Effect.mapError(writeFailure(path)));
    if (exists) return yield* new SnapshotExists({ path });
  });

/**
 * Runs `build` with a fresh temporary folder next to `target`, then renames that folder to
 * `target`. `build` writes every file (and fsyncs it); the folder is fsynced before the rename
 * and its parent after. Returns `build`'s result; `target` is absolute in the `path` field.
 */
export const writeSnapshotFolder = <A, E, R>(
  target: string,
  build: (temporaryDir: string) => Effect.Effect<A, E, R>,
): Effect.Effect<
  { readonly path: string; readonly result: A },
  E | SnapshotExists | SnapshotWriteFailure,
  R | FileSystem.FileSystem | Path.Path
> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const path = yield* Path.Path;
    const absolute = path.resolve(target);
    yield* ensureAbsent(absolute);
    const parent = path.dirname(absolute);
    yield* fs.makeDirectory(parent, { recursive: true }).pipe(Effect.mapError(writeFailure(parent)));
    const temporary = path.join(parent, `.${path.basename(absolute)}.partial-${randomBytes(6).toString('hex')}`);

    const create = fs
      .makeDirectory(temporary, { mode: 0o700 })
      .pipe(Effect.zipRight(fs.chmod(temporary, 0o700)), Effect.mapError(writeFailure(temporary)));
    const publish = Effect.gen(function* () {
      yield* syncDirectory(temporary);
      yield* ensureAbsent(absolute);
      yield* fs.rename(temporary, absolute).pipe(Effect.mapError(writeFailure(absolute)));
      yield* syncDirectory(parent);
    });
    const result = yield* Effect.acquireUseRelease(
      create,
      // Once the rename starts it runs to the end: an interruption then cannot report a failure
      // for a snapshot that is in fact complete.
      () => build(temporary).pipe(Effect.zipLeft(Effect.uninterruptible(publish))),
      (_, exit) => (Exit.isSuccess(exit) ? Effect.void : fs.remove(temporary, { recursive: true }).pipe(Effect.ignore)),
    );
    return { path: absolute, result };
  });
