/**
 * `rollcall verify DIR`: recomputes every file's size, SHA-256 and row count (parsing it with a
 * real parser) and compares them with the manifest; files missing from the folder or absent from
 * the manifest are mismatches too. With a public key, the manifest's signature
 * (`manifest.json.sig`) is checked first: a snapshot rewritten consistently, file and manifest
 * hash alike, then fails.
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
import { describeFileError } from './internal/file-error-text.js';
import { readRecords } from './internal/record-parsers.js';
import { decodeManifest, MANIFEST_FILE, type Manifest, type ManifestFile } from './manifest.js';
import { checkSignature, decodeSignature, SIGNATURE_FILE, type VerifyingKey } from './signing.js';

/** How to verify. */
export interface VerifyOptions {
  /**
   * Require `manifest.json.sig` and check it with this key: the snapshot then passes only when
   * the holder of the matching private key signed this manifest, which lists every file's hash.
   */
  readonly publicKey?: VerifyingKey | undefined;
}

/**
 * What became of the signature: `unsigned` (no `manifest.json.sig`), `unchecked` (one is there but
 * no public key was given), `verified` (good signature by `keyId`), `failed` (see the mismatches).
 */
export type SignatureStatus =
  | { readonly status: 'unsigned' }
  | { readonly status: 'unchecked'; readonly keyId: string }
  | { readonly status: 'verified'; readonly keyId: string }
  | { readonly status: 'failed' };

/** What `verify` found. Intact when `mismatches` is empty. */
export interface VerifyReport {
  /** Absolute path of the snapshot folder. */
  readonly dir: string;
  /** The manifest, when it could be read. */
  readonly manifest: Manifest | undefined;
  /** Each mismatch as a sentence beginning with the file name. */
  readonly mismatches: ReadonlyArray<string>;
  readonly signature: SignatureStatus;
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
      if (Either.isLeft(hashed)) return [`${file.name}: cannot be read: ${describeFileError(hashed.left)}`];
    }
    if (bytes !== file.bytes) mismatches.push(`${file.name}: ${bytes} bytes, the manifest says ${file.bytes}`);
    const sha256 = hash.digest('hex');
    if (sha256 !== file.sha256) mismatches.push(`${file.name}: SHA-256 ${sha256}, the manifest says ${file.sha256}`);
    if (Either.isRight(parsed) && parsed.right !== file.rows) {
      mismatches.push(`${file.name}: ${parsed.right} rows, the manifest says ${file.rows}`);
    }
    return mismatches;
  });

const signed = (text: string): string | undefined => {
  try {
    const claimed = (JSON.parse(text) as { signature?: { keyId?: unknown } }).signature?.keyId;
    return typeof claimed === 'string' ? claimed : undefined;
  } catch {
    return undefined;
  }
};

/** `manifest.json.sig` against the manifest's bytes and, when given, the public key. */
const checkSignatureFile = (
  dir: string,
  manifestBytes: Uint8Array,
  publicKey: VerifyingKey | undefined,
): Effect.Effect<
  { readonly status: SignatureStatus; readonly mismatch?: string },
  never,
  FileSystem.FileSystem | Path.Path
> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const path = yield* Path.Path;
    const failed = (mismatch: string) => ({
      status: { status: 'failed' } as const,
      mismatch: `${SIGNATURE_FILE}: ${mismatch}`,
    });
    const file = path.join(dir, SIGNATURE_FILE);
    const exists = yield* fs.exists(file).pipe(Effect.orElseSucceed(() => false));
    if (!exists) {
      if (publicKey !== undefined)
        return failed('missing; the snapshot is not signed, and a public key was given to check it');
      const claimed = signed(new TextDecoder().decode(manifestBytes));
      if (claimed !== undefined) return failed(`missing, though the manifest says key ${claimed} signed it`);
      return { status: { status: 'unsigned' } as const };
    }
    const text = yield* fs.readFileString(file).pipe(Effect.either);
    if (Either.isLeft(text)) return failed(`cannot be read: ${describeFileError(text.left)}`);
    const signature = Either.try({ try: () => decodeSignature(text.right), catch: errorText });
    if (Either.isLeft(signature)) return failed(`not a signature file: ${signature.left}`);
    if (publicKey === undefined) return { status: { status: 'unchecked', keyId: signature.right.keyId } as const };
    const check = yield* checkSignature(publicKey, manifestBytes, signature.right);
    switch (check) {
      case 'valid':
        return { status: { status: 'verified', keyId: publicKey.keyId } as const };
      case 'other-key':
        return failed(`signed by key ${signature.right.keyId}, not by the public key given (key ${publicKey.keyId})`);
      case 'invalid':
        return failed(
          `the signature by key ${publicKey.keyId} does not match ${MANIFEST_FILE}: the manifest or the signature was changed after signing`,
        );
    }
  });

/**
 * Checks a snapshot folder against its manifest, and with `options.publicKey` the manifest's
 * signature first. Fails only when the folder cannot be listed; everything else (no manifest, a
 * changed byte, a bad signature) is a mismatch in the report.
 */
export const verifySnapshot = (
  dir: string,
  options: VerifyOptions = {},
): Effect.Effect<VerifyReport, SnapshotUnreadable, FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const path = yield* Path.Path;
    const absolute = path.resolve(dir);
    const entries = yield* fs
      .readDirectory(absolute)
      .pipe(
        Effect.mapError(
          (error) =>
            new SnapshotUnreadable({ path: absolute, reason: `cannot be listed: ${describeFileError(error)}` }),
        ),
      );

    const manifestBytes = yield* fs.readFile(path.join(absolute, MANIFEST_FILE)).pipe(Effect.either);
    if (Either.isLeft(manifestBytes)) {
      const reason = entries.includes(MANIFEST_FILE)
        ? `cannot be read: ${describeFileError(manifestBytes.left)}`
        : 'missing';
      const signature = { status: options.publicKey === undefined ? 'unsigned' : 'failed' } as const;
      return { dir: absolute, manifest: undefined, mismatches: [`${MANIFEST_FILE}: ${reason}`], signature };
    }
    const signature = yield* checkSignatureFile(absolute, manifestBytes.right, options.publicKey);
    const signatureMismatches = signature.mismatch === undefined ? [] : [signature.mismatch];
    const manifest = yield* Effect.try({
      try: () => decodeManifest(new TextDecoder().decode(manifestBytes.right)),
      catch: (error) => `${MANIFEST_FILE}: not a valid manifest: ${errorText(error)}`,
    }).pipe(Effect.either);
    if (Either.isLeft(manifest)) {
      return {
        dir: absolute,
        manifest: undefined,
        mismatches: [...signatureMismatches, manifest.left],
        signature: signature.status,
      };
    }

    const listed = new Set(manifest.right.files.map((file) => file.name));
    const unlisted = entries
      .filter((entry) => entry !== MANIFEST_FILE && entry !== SIGNATURE_FILE && !listed.has(entry))
      .sort()
      .map((entry) => `${entry}: not listed in the manifest`);
    const perFile = yield* Effect.forEach(manifest.right.files, (file) => checkFile(absolute, file));
    return {
      dir: absolute,
      manifest: manifest.right,
      mismatches: [...signatureMismatches, ...perFile.flat(), ...unlisted],
      signature: signature.status,
    };
  });
