/**
 * A new file written through a buffer, hashed and counted as it is written, made durable
 * (fsync) before it is reported done. Created exclusively with mode 0600.
 */
import { createHash } from 'node:crypto';
import type { PlatformError } from '@effect/platform/Error';
import * as FileSystem from '@effect/platform/FileSystem';
import * as Effect from 'effect/Effect';
import type * as Scope from 'effect/Scope';
import { SnapshotWriteFailure } from '../errors.js';

/** Size and SHA-256 of a file as written. */
export interface WrittenFile {
  readonly bytes: number;
  readonly sha256: string;
}

/** An open file being written. */
export interface FileSink {
  readonly write: (text: string) => Effect.Effect<void, SnapshotWriteFailure>;
  /** Writes what is buffered, fsyncs, and reports size and hash. Write nothing after it. */
  readonly close: Effect.Effect<WrittenFile, SnapshotWriteFailure>;
}

const FLUSH_AT = 256 * 1024;
const encoder = new TextEncoder();

/** Maps a platform error to a write failure naming the file. */
export const writeFailure =
  (path: string) =>
  (error: PlatformError): SnapshotWriteFailure =>
    new SnapshotWriteFailure({ path, message: `cannot write ${path}: ${error.message}` });

/** Creates `path` (it must not exist) with mode 0600; the file is closed with the scope. */
export const openFileSink = (
  path: string,
): Effect.Effect<FileSink, SnapshotWriteFailure, FileSystem.FileSystem | Scope.Scope> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const failed = writeFailure(path);
    const file = yield* fs.open(path, { flag: 'wx', mode: 0o600 }).pipe(Effect.mapError(failed));
    // The mode given to open() is filtered by the umask; make it exactly 0600 whatever the umask.
    yield* fs.chmod(path, 0o600).pipe(Effect.mapError(failed));
    const hash = createHash('sha256');
    let bytes = 0;
    let pending: Array<Uint8Array> = [];
    let pendingBytes = 0;

    const flush = Effect.suspend(() => {
      if (pendingBytes === 0) return Effect.void;
      const buffer = new Uint8Array(pendingBytes);
      let offset = 0;
      for (const part of pending) {
        buffer.set(part, offset);
        offset += part.length;
      }
      pending = [];
      pendingBytes = 0;
      return file.writeAll(buffer).pipe(Effect.mapError(failed));
    });

    return {
      write: (text) =>
        Effect.suspend(() => {
          if (text.length === 0) return Effect.void;
          const data = encoder.encode(text);
          hash.update(data);
          bytes += data.length;
          pending.push(data);
          pendingBytes += data.length;
          return pendingBytes >= FLUSH_AT ? flush : Effect.void;
        }),
      close: flush.pipe(
        Effect.zipRight(file.sync.pipe(Effect.mapError(failed))),
        Effect.map(() => ({ bytes, sha256: hash.digest('hex') })),
      ),
    };
  });
