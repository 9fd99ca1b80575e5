import { Buffer } from 'node:buffer';
import { createHash, createPublicKey, verify as nodeVerify } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Either } from 'effect';
import { describe, expect, it } from 'vitest';
import { runExport } from '../src/export.js';
import { decodePem, encodePem, readSigningKey, readVerifyingKey, writeKeyPair } from '../src/internal/key-files.js';
import { encodeManifest, type Manifest } from '../src/manifest.js';
import {
  checkSignature,
  decodeSignature,
  encodeSignature,
  generateKeyPair,
  importSigningKey,
  importVerifyingKey,
  keyIdOf,
  SIGNATURE_FILE,
  signManifest,
} from '../src/signing.js';
import { verifySnapshot } from '../src/verify.js';
import { fakeSource, person } from './support/fake-source.js';
import { run, runEither, temporaryDir } from './support/run.js';

const bytes = (text: string) => new TextEncoder().encode(text);

const keys = async () => {
  const pair = await run(generateKeyPair);
  const signing = await run(importSigningKey(pair.privateKey));
  const verifying = await run(importVerifyingKey(pair.publicKey));
  return { pair, signing, verifying };
};

describe('signManifest and checkSignature', () => {
  it('round-trip: the signature by a key checks with its public key, and names its key id', async () => {
    const { pair, signing, verifying } = await keys();
    expect(signing.keyId).toBe(pair.keyId);
    expect(verifying.keyId).toBe(keyIdOf(pair.publicKey));
    expect(pair.keyId).toBe(createHash('sha256').update(pair.publicKey).digest('hex').slice(0, 16));
    const manifest = bytes('{"manifestVersion": 1}\n');
    const signature = decodeSignature(encodeSignature(await run(signManifest(signing, manifest))));
    expect(signature).toMatchObject({ algorithm: 'Ed25519', keyId: pair.keyId });
    expect(await run(checkSignature(verifying, manifest, signature))).toBe('valid');
    // A plain Ed25519 signature: another implementation (Node's own, here) accepts it too.
    const spki = createPublicKey({ key: Buffer.from(pair.publicKey), format: 'der', type: 'spki' });
    expect(nodeVerify(null, manifest, spki, Buffer.from(signature.signature, 'base64'))).toBe(true);
  });

  it('tells a signature by another key apart', async () => {
    const { signing } = await keys();
    const other = await keys();
    const manifest = bytes('{}\n');
    const signature = await run(signManifest(signing, manifest));
    expect(await run(checkSignature(other.verifying, manifest, signature))).toBe('other-key');
  });

  it('finds any flipped bit of the manifest', async () => {
    const { signing, verifying } = await keys();
    const manifest = bytes('{"files": [{"name": "users.csv", "sha256": "00"}]}\n');
    const signature = await run(signManifest(signing, manifest));
    for (const bit of [0, 7, 8 * 20 + 3, manifest.length * 8 - 1]) {
      const flipped = manifest.slice();
      flipped[bit >> 3]! ^= 1 << (bit & 7);
      expect(await run(checkSignature(verifying, flipped, signature)), `bit ${bit}`).toBe('invalid');
    }
  });

  it('refuses key bytes that are not an Ed25519 key of the right kind', async () => {
    const { pair } = await keys();
    const asPrivate = await runEither(importSigningKey(pair.publicKey));
    expect(Either.isLeft(asPrivate) && asPrivate.left._tag).toBe('KeyInvalid');
    const asPublic = await runEither(importVerifyingKey(new Uint8Array(44)));
    expect(Either.isLeft(asPublic) && asPublic.left.message).toMatch(/^not an SPKI Ed25519 public key/);
  });
});

describe('key files', () => {
  it('keygen writes PEM that reads back, the private key 0600, and never overwrites', async () => {
    const prefix = join(temporaryDir(), 'audit');
    const written = await run(writeKeyPair(prefix));
    expect(written.privateKey).toBe(`${prefix}.key.pem`);
    expect(statSync(written.privateKey).mode & 0o777).toBe(0o600);
    expect(readFileSync(written.privateKey, 'utf8')).toMatch(
      /^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n$/,
    );
    expect(readFileSync(written.publicKey, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const signing = await run(readSigningKey('--sign-key', written.privateKey));
    const verifying = await run(readVerifyingKey('--public-key', written.publicKey));
    expect(signing.keyId).toBe(written.keyId);
    expect(verifying.keyId).toBe(written.keyId);

    const before = readFileSync(written.privateKey);
    const again = await runEither(writeKeyPair(prefix));
    expect(Either.isLeft(again) && again.left.message).toMatch(/exists; a key file is never overwritten$/);
    expect(readFileSync(written.privateKey).equals(before)).toBe(true);
  });

  it('names the file and what is wrong, never quoting it', async () => {
    const dir = temporaryDir();
    const pair = await run(generateKeyPair);
    const publicFile = join(dir, 'pub.pem');
    writeFileSync(publicFile, encodePem('PUBLIC KEY', pair.publicKey));
    const swapped = await runEither(readSigningKey('--sign-key', publicFile));
    expect(Either.isLeft(swapped) && swapped.left.message).toBe(
      `--sign-key: ${publicFile} holds a PUBLIC KEY, not a PRIVATE KEY`,
    );
    const garbage = join(dir, 'garbage.pem');
    writeFileSync(garbage, 'secret-looking-content\n');
    const bad = await runEither(readVerifyingKey('--public-key', garbage));
    expect(Either.isLeft(bad) && bad.left.message).toBe(
      `--public-key: ${garbage} not a PEM file (expected -----BEGIN PUBLIC KEY-----)`,
    );
    expect(decodePem('PUBLIC KEY', encodePem('PUBLIC KEY', pair.publicKey))).toEqual(pair.publicKey);
  });
});

describe('signed snapshots', () => {
  const signedSnapshot = async () => {
    const { signing, verifying } = await keys();
    const { path, manifest } = await run(
      runExport({
        source: fakeSource({ people: [person('p1', 'a@example.com', 't1')], teams: [['t1', 'One']] }),
        out: join(temporaryDir(), 'snap'),
        formats: ['csv'],
        pageSize: 10,
        concurrency: 1,
        bom: false,
        signingKey: signing,
      }),
    );
    return { path, manifest, verifying };
  };

  it('export signs the manifest it wrote; verify checks it', async () => {
    const { path, manifest, verifying } = await signedSnapshot();
    expect(manifest.signature).toEqual({ algorithm: 'Ed25519', keyId: verifying.keyId });
    expect(existsSync(join(path, SIGNATURE_FILE))).toBe(true);
    expect(await run(verifySnapshot(path, { publicKey: verifying }))).toMatchObject({
      mismatches: [],
      signature: { status: 'verified', keyId: verifying.keyId },
    });
    expect(await run(verifySnapshot(path))).toMatchObject({
      mismatches: [],
      signature: { status: 'unchecked', keyId: verifying.keyId },
    });
  });

  it('a consistent rewrite of a file and its manifest entry passes the hashes but not the signature', async () => {
    const { path, manifest, verifying } = await signedSnapshot();
    const text = readFileSync(join(path, 'people.csv'), 'utf8').replace('a@example.com', 'mallory@example.com');
    writeFileSync(join(path, 'people.csv'), text);
    const files = manifest.files.map((file) =>
      file.name === 'people.csv'
        ? { ...file, bytes: Buffer.byteLength(text), sha256: createHash('sha256').update(text).digest('hex') }
        : file,
    );
    writeFileSync(join(path, 'manifest.json'), encodeManifest({ ...manifest, files } satisfies Manifest));
    expect((await run(verifySnapshot(path))).mismatches).toEqual([]);
    const checked = await run(verifySnapshot(path, { publicKey: verifying }));
    expect(checked.signature).toEqual({ status: 'failed' });
    expect(checked.mismatches).toEqual([
      `${SIGNATURE_FILE}: the signature by key ${verifying.keyId} does not match manifest.json: the manifest or the signature was changed after signing`,
    ]);
  });

  it('a removed signature fails with or without a public key, since the manifest says it was signed', async () => {
    const { path, verifying } = await signedSnapshot();
    writeFileSync(join(path, SIGNATURE_FILE), '');
    expect((await run(verifySnapshot(path))).mismatches[0]).toMatch(/^manifest\.json\.sig: not a signature file/);
    rmSync(join(path, SIGNATURE_FILE));
    expect((await run(verifySnapshot(path))).mismatches).toEqual([
      `${SIGNATURE_FILE}: missing, though the manifest says key ${verifying.keyId} signed it`,
    ]);
    expect((await run(verifySnapshot(path, { publicKey: verifying }))).mismatches).toEqual([
      `${SIGNATURE_FILE}: missing; the snapshot is not signed, and a public key was given to check it`,
    ]);
  });
});
