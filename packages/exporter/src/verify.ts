/**
 * `rollcall verify DIR`: recomputes every file's size, SHA-256 and row count (parsing it with a
 * real parser) and compares them with the manifest; files missing from the folder or absent from
 * the manifest are mismatches too.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import * as FileSystem from '@effect/platform/FileSystem';
import * as Path from '@effect/platform/Path';
import * as Effect from 'effect/Effect';
import * as Either from 'effect/Either';
import * as Stream from 'effect/Stream';
import { SnapshotUnreadable } from './errors.js';
import { readRecords } from './internal/record-parsers.js';
import { decodeManifest, MANIFEST_FILE, type Manifest, type ManifestFile } from './manifest.js';

/** What `verify` found. Intact when `mismatches` is empty. */
export interface VerifyReport {
  /** Absolute path of the snapshot folder. */
  readonly dir: string;
  /** The manifest, when it could be read. */
  readonly manifest: Manifest | undefined;
  /** Each mismatch as a sentence beginning with the file name. */
  readonly mismatches: ReadonlyArray<string>;
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const PLAIN_NAME = /^[^/\\]+$/;

/** Hash, size and rows of one file; a parse failure is reported with the hash and size still checked. */
const checkFile = (
  dir: string,
  file: ManifestFile,
): Effect.Effect<ReadonlyArray<string>, never, FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const path = yield* Path.Path;
    if (!PLAIN_NAME.test(file.name) || file.name === '.' || file.name === '..') {
      return [`${file.name}: not a plain file name; the manifest is not rollcall's`];
    }
    const filePath = path.join(dir, file.name);
    const exists = yield* fs.exists(filePath).pipe(Effect.orElseSucceed(() => false));
    if (!exists) return [`${file.name}: missing`];

    let hash = createHash('sha256');
    let bytes = 0;
    const hashChunk = (chunk: Uint8Array) => {
      hash.update(chunk);
      bytes += chunk.length;
    };
    const mismatches: Array<string> = [];
    const parsed = yield* readRecords(filePath, file.format, hashChunk).pipe(Stream.runCount, Effect.either);
    if (Either.isLeft(parsed)) {
      mismatches.push(`${file.name}: cannot be parsed as ${file.format}: ${parsed.left.reason}`);
      hash = createHash('sha256');
      bytes = 0;
      const hashed = yield* fs.stream(filePath).pipe(
        Stream.runForEach((chunk) => Effect.sync(() => hashChunk(chunk))),
        Effect.either,
      );
      if (Either.isLeft(hashed)) return [`${file.name}: cannot be read: ${hashed.left.message}`];
    }
    if (bytes !== file.bytes) mismatches.push(`${file.name}: ${bytes} bytes, the manifest says ${file.bytes}`);
    const sha256 = hash.digest('hex');
    if (sha256 !== file.sha256) mismatches.push(`${file.name}: SHA-256 ${sha256}, the manifest says ${file.sha256}`);
    if (Either.isRight(parsed) && parsed.right !== file.rows) {
      mismatches.push(`${file.name}: ${parsed.right} rows, the manifest says ${file.rows}`);
    }
    return mismatches;
  });

/**
 * Checks a snapshot folder against its manifest. Fails only when the folder cannot be listed;
 * everything else (no manifest, a changed byte) is a mismatch in the report.
 */
export const verifySnapshot = (
  dir: string,
): Effect.Effect<VerifyReport, SnapshotUnreadable, FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const path = yield* Path.Path;
    const absolute = path.resolve(dir);
    const entries = yield* fs
      .readDirectory(absolute)
      .pipe(
        Effect.mapError(
          (error) => new SnapshotUnreadable({ path: absolute, reason: `cannot be listed: ${error.message}` }),
        ),
      );

    const manifestText = yield* fs.readFileString(path.join(absolute, MANIFEST_FILE)).pipe(Effect.either);
    if (Either.isLeft(manifestText)) {
      const reason = entries.includes(MANIFEST_FILE) ? `cannot be read: ${manifestText.left.message}` : 'missing';
      return { dir: absolute, manifest: undefined, mismatches: [`${MANIFEST_FILE}: ${reason}`] };
    }
    const manifest = yield* Effect.try({
      try: () => decodeManifest(manifestText.right),
      catch: (error) => `${MANIFEST_FILE}: not a valid manifest: ${errorText(error)}`,
    }).pipe(Effect.either);
    if (Either.isLeft(manifest)) return { dir: absolute, manifest: undefined, mismatches: [manifest.left] };

    const listed = new Set(manifest.right.files.map((file) => file.name));
    const unlisted = entries
      .filter((entry) => entry !== MANIFEST_FILE && !listed.has(entry))
      .sort()
      .map((entry) => `${entry}: not listed in the manifest`);
    const perFile = yield* Effect.forEach(manifest.right.files, (file) => checkFile(absolute, file));
    return { dir: absolute, manifest: manifest.right, mismatches: [...perFile.flat(), ...unlisted] };
  });
