/**
 * A new file written through one reusable buffer, hashed and counted as it is written, made durable
 * (fsync) before it is reported done. Created exclusively with mode 0600.
 */
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import type { PlatformError } from '@effect/platform/Error';
import * as FileSystem from '@effect/platform/FileSystem';
import * as Effect from 'effect/Effect';
import type * as Scope from 'effect/Scope';
import { SnapshotWriteFailure } from '../errors.js';
import { describeFileError } from './file-error-text.js';

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

const BUFFER_BYTES = 256 * 1024;
const encoder = new TextEncoder();

/** Maps a platform error to a write failure naming the file. */
export const writeFailure =
  (path: string) =>
  (error: PlatformError): SnapshotWriteFailure =>
    new SnapshotWriteFailure({ path, message: `cannot write ${path}: ${describeFileError(error)}` });

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
    // One buffer for the life of the file: text is encoded straight into it and written out
    // when full, rather than as a new array per write copied into a new array per flush.
    const buffer = Buffer.allocUnsafe(BUFFER_BYTES);
    let used = 0;

    const flush = Effect.suspend(() => {
      if (used === 0) return Effect.void;
      const data = buffer.subarray(0, used);
      used = 0;
      hash.update(data);
      bytes += data.length;
      return file.writeAll(data).pipe(Effect.mapError(failed));
    });

    return {
      write: (text) =>
        Effect.gen(function* () {
          // A UTF-16 code unit takes at most 3 bytes in UTF-8: with room for that, it fits whole.
          if (text.length * 3 <= buffer.length - used) {
            used += buffer.write(text, used, 'utf8');
            return;
          }
          let rest = text;
          while (rest.length > 0) {
            const { read, written } = encoder.encodeInto(rest, buffer.subarray(used));
            used += written;
            if (read === rest.length) return;
            // Full: write it out and go on with the rest (a slice of a string is not a copy).
            yield* flush;
            rest = rest.slice(read);
          }
        }),
      close: flush.pipe(
        Effect.zipRight(file.sync.pipe(Effect.mapError(failed))),
        Effect.map(() => ({ bytes, sha256: hash.digest('hex') })),
      ),
    };
  });
