/**
 * Signed snapshots: an Ed25519 signature over the exact bytes of `manifest.json`, kept beside it
 * in `manifest.json.sig`. The manifest holds the SHA-256 of every file, so a valid signature proves
 * that the manifest and every file it lists come from the holder of the private key. It proves
 * origin, not truth: the key holder signs whatever the API answered.
 *
 * Web Crypto only (`globalThis.crypto.subtle`), so it runs the same on Node 20, Deno 2 and Bun 1.
 * Keys travel as DER: PKCS#8 for the private key, SPKI for the public key (see `key-files` for PEM).
 *
 * @module
 */
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import * as Effect from 'effect/Effect';
import * as Schema from 'effect/Schema';
import { KeyInvalid } from './errors.js';

/** The signature's file name inside a snapshot folder. */
export const SIGNATURE_FILE = 'manifest.json.sig';

/** The only algorithm: Ed25519 (RFC 8032), in Web Crypto's spelling. */
export const SIGNATURE_ALGORITHM = 'Ed25519';

const ED25519 = { name: SIGNATURE_ALGORITHM } as const;

/** Which key: the first 16 hex digits of the SHA-256 of the public key's SPKI bytes. */
const KeyId = Schema.String.pipe(Schema.pattern(/^[0-9a-f]{16}$/));

/** `manifest.json.sig`: `{algorithm, keyId, signature}`, the signature as base64 of its 64 bytes. */
export const SignatureFile = Schema.Struct({
  algorithm: Schema.Literal(SIGNATURE_ALGORITHM),
  keyId: KeyId,
  signature: Schema.String.pipe(Schema.pattern(/^[A-Za-z0-9+/]{86}==$/)),
});
/** `manifest.json.sig`, decoded. */
export type SignatureFile = typeof SignatureFile.Type;

/** A private key ready to sign, with the id of its public key. */
export interface SigningKey {
  readonly keyId: string;
  readonly privateKey: CryptoKey;
}

/** A public key ready to check signatures, with its id. */
export interface VerifyingKey {
  readonly keyId: string;
  readonly publicKey: CryptoKey;
}

/** A new key pair as DER bytes. */
export interface KeyPair {
  readonly keyId: string;
  /** PKCS#8. */
  readonly privateKey: Uint8Array;
  /** SPKI. */
  readonly publicKey: Uint8Array;
}

/** How a signature compared with a manifest and a public key. */
export type SignatureCheck = 'valid' | 'other-key' | 'invalid';

const subtle = () => globalThis.crypto.subtle;

/** A copy Web Crypto's types accept (they refuse a view that could be of a SharedArrayBuffer). */
const bufferSource = (data: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(data);

/** The key id of an SPKI public key. */
export const keyIdOf = (spki: Uint8Array): string => createHash('sha256').update(spki).digest('hex').slice(0, 16);

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Generates an Ed25519 key pair. */
export const generateKeyPair: Effect.Effect<KeyPair> = Effect.promise(async () => {
  const pair = (await subtle().generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const privateKey = new Uint8Array(await subtle().exportKey('pkcs8', pair.privateKey));
  const publicKey = new Uint8Array(await subtle().exportKey('spki', pair.publicKey));
  return { keyId: keyIdOf(publicKey), privateKey, publicKey };
});

/**
 * Imports a PKCS#8 Ed25519 private key. Its public key (for the key id) comes from the JWK form,
 * which carries it as `x`: Web Crypto has no other way to derive it.
 */
export const importSigningKey = (pkcs8: Uint8Array): Effect.Effect<SigningKey, KeyInvalid> =>
  Effect.tryPromise({
    try: async () => {
      const extractable = await subtle().importKey('pkcs8', bufferSource(pkcs8), ED25519, true, ['sign']);
      const { x } = await subtle().exportKey('jwk', extractable);
      if (x === undefined) throw new Error('the key has no public part');
      const publicKey = await subtle().importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x }, ED25519, true, ['verify']);
      const spki = new Uint8Array(await subtle().exportKey('spki', publicKey));
      const privateKey = await subtle().importKey('pkcs8', bufferSource(pkcs8), ED25519, false, ['sign']);
      return { keyId: keyIdOf(spki), privateKey };
    },
    catch: (error) => new KeyInvalid({ reason: `not a PKCS#8 Ed25519 private key (${reasonOf(error)})` }),
  });

/** Imports an SPKI Ed25519 public key. */
export const importVerifyingKey = (spki: Uint8Array): Effect.Effect<VerifyingKey, KeyInvalid> =>
  Effect.tryPromise({
    try: async () => ({
      keyId: keyIdOf(spki),
      publicKey: await subtle().importKey('spki', bufferSource(spki), ED25519, false, ['verify']),
    }),
    catch: (error) => new KeyInvalid({ reason: `not an SPKI Ed25519 public key (${reasonOf(error)})` }),
  });

/** Signs the manifest's exact bytes. */
export const signManifest = (key: SigningKey, manifest: Uint8Array): Effect.Effect<SignatureFile> =>
  Effect.promise(async () => ({
    algorithm: SIGNATURE_ALGORITHM,
    keyId: key.keyId,
    signature: Buffer.from(await subtle().sign(ED25519, key.privateKey, bufferSource(manifest))).toString('base64'),
  }));

/**
 * Checks a signature over the manifest's bytes with `key`. `other-key`: the signature names
 * another key; `invalid`: it names this key but does not match (the manifest or the signature
 * changed after signing).
 */
export const checkSignature = (
  key: VerifyingKey,
  manifest: Uint8Array,
  signature: SignatureFile,
): Effect.Effect<SignatureCheck> =>
  Effect.promise(async () => {
    const valid = await subtle().verify(
      ED25519,
      key.publicKey,
      bufferSource(Buffer.from(signature.signature, 'base64')),
      bufferSource(manifest),
    );
    if (valid) return 'valid';
    return signature.keyId === key.keyId ? 'invalid' : 'other-key';
  });

/** The bytes of `manifest.json.sig`: one line of JSON. */
export const encodeSignature = (signature: SignatureFile): string =>
  `${JSON.stringify(Schema.encodeSync(SignatureFile)(signature))}\n`;

/** Parses and checks `manifest.json.sig`; throws a `ParseError` naming what is wrong. */
export const decodeSignature = (text: string): SignatureFile =>
  Schema.decodeUnknownSync(SignatureFile)(JSON.parse(text), { errors: 'all', onExcessProperty: 'ignore' });
