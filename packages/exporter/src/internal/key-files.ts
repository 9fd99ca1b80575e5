/**
 * Key files: PEM as openssl writes and reads them, `PRIVATE KEY` (PKCS#8) for the signing key and
 * `PUBLIC KEY` (SPKI) for the public key. A new key file is written atomically and never over an
 * existing one; the private key is created with mode 0600. A private key's bytes never go into a
 * message.
 */
import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import * as FileSystem from '@effect/platform/FileSystem';
import * as Path from '@effect/platform/Path';
import * as Effect from 'effect/Effect';
import * as Option from 'effect/Option';
import { type SnapshotWriteFailure, UsageError } from '../errors.js';
import { Reporter } from '../reporter.js';
import {
  generateKeyPair,
  importSigningKey,
  importVerifyingKey,
  type SigningKey,
  type VerifyingKey,
} from '../signing.js';
import { writeFailure } from './file-sink.js';
import { syncDirectory } from './snapshot-folder.js';

type Label = 'PRIVATE KEY' | 'PUBLIC KEY';

/** `PREFIX.key.pem` and `PREFIX.pub.pem`. */
export const keyFileNames = (prefix: string) => ({ privateKey: `${prefix}.key.pem`, publicKey: `${prefix}.pub.pem` });

/** DER bytes as PEM: base64 in lines of 64 between BEGIN and END lines. */
export const encodePem = (label: Label, der: Uint8Array): string => {
  const base64 = Buffer.from(der).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
};

const PEM = /^-----BEGIN ([A-Z0-9 ]+)-----\r?\n([A-Za-z0-9+/=\r\n]+?)\r?\n?-----END \1-----\s*$/;

/** The DER bytes of a PEM text with `label`, or why not (never quoting the text). */
export const decodePem = (label: Label, text: string): Uint8Array | string => {
  const match = PEM.exec(text.trim());
  if (match === null) return `not a PEM file (expected -----BEGIN ${label}-----)`;
  if (match[1] !== label) return `holds a ${match[1]}, not a ${label}`;
  return new Uint8Array(Buffer.from(match[2]!.replace(/\s/g, ''), 'base64'));
};

const readKeyText = (flag: string, path: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    return yield* fs
      .readFileString(path)
      .pipe(Effect.mapError((error) => new UsageError({ message: `${flag}: cannot read ${path}: ${error.message}` })));
  });

const decodeKey = (flag: string, path: string, label: Label, text: string) => {
  const der = decodePem(label, text);
  return typeof der === 'string'
    ? Effect.fail(new UsageError({ message: `${flag}: ${path} ${der}` }))
    : Effect.succeed(der);
};

/** Reads a signing key (`--sign-key`); warns when other users can read the file. */
export const readSigningKey = (
  flag: string,
  path: string,
): Effect.Effect<SigningKey, UsageError, FileSystem.FileSystem | Reporter> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const reporter = yield* Reporter;
    const text = yield* readKeyText(flag, path);
    const info = yield* fs.stat(path).pipe(Effect.option);
    if (Option.isSome(info) && (info.value.mode & 0o077) !== 0) {
      reporter.log(
        'warn',
        'key-file.permissions',
        `${flag}: ${path} can be read by other users (mode ${(info.value.mode & 0o777).toString(8)}); chmod 600 it`,
      );
    }
    const der = yield* decodeKey(flag, path, 'PRIVATE KEY', text);
    return yield* importSigningKey(der).pipe(
      Effect.mapError((error) => new UsageError({ message: `${flag}: ${path} is ${error.reason}` })),
    );
  });

/** Reads a public key (`--public-key`). */
export const readVerifyingKey = (
  flag: string,
  path: string,
): Effect.Effect<VerifyingKey, UsageError, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const text = yield* readKeyText(flag, path);
    const der = yield* decodeKey(flag, path, 'PUBLIC KEY', text);
    return yield* importVerifyingKey(der).pipe(
      Effect.mapError((error) => new UsageError({ message: `${flag}: ${path} is ${error.reason}` })),
    );
  });

/**
 * Writes `text` to a new file at `path` with `mode`: into a temporary sibling, fsynced, then hard
 * linked into place, which fails rather than replace a file that appeared meanwhile.
 */
const writeNewFile = (path: string, text: string, mode: number) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const paths = yield* Path.Path;
    const temporary = paths.join(
      paths.dirname(path),
      `.${paths.basename(path)}.partial-${randomBytes(6).toString('hex')}`,
    );
    const write = Effect.scoped(
      Effect.gen(function* () {
        const file = yield* fs.open(temporary, { flag: 'wx', mode });
        yield* fs.chmod(temporary, mode);
        yield* file.writeAll(new TextEncoder().encode(text));
        yield* file.sync;
      }),
    );
    yield* write.pipe(
      Effect.zipRight(fs.link(temporary, path)),
      Effect.mapError(writeFailure(path)),
      Effect.ensuring(fs.remove(temporary).pipe(Effect.ignore)),
    );
  });

/** Where `keygen` put the key pair. */
export interface WrittenKeyPair {
  readonly keyId: string;
  /** Absolute paths. */
  readonly privateKey: string;
  readonly publicKey: string;
}

/**
 * Generates a key pair into `PREFIX.key.pem` (mode 0600) and `PREFIX.pub.pem` (0644). Refuses
 * (UsageError) when either exists; on a failure neither is left behind.
 */
export const writeKeyPair = (
  prefix: string,
): Effect.Effect<WrittenKeyPair, UsageError | SnapshotWriteFailure, FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const path = yield* Path.Path;
    const names = keyFileNames(path.resolve(prefix));
    for (const name of [names.privateKey, names.publicKey]) {
      const exists = yield* fs.exists(name).pipe(Effect.mapError(writeFailure(name)));
      if (exists) return yield* new UsageError({ message: `--out: ${name} exists; a key file is never overwritten` });
    }
    const pair = yield* generateKeyPair;
    yield* writeNewFile(names.privateKey, encodePem('PRIVATE KEY', pair.privateKey), 0o600);
    yield* writeNewFile(names.publicKey, encodePem('PUBLIC KEY', pair.publicKey), 0o644).pipe(
      Effect.tapError(() => fs.remove(names.privateKey).pipe(Effect.ignore)),
    );
    yield* syncDirectory(path.dirname(names.privateKey));
    return { keyId: pair.keyId, ...names };
  });
