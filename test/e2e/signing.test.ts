/**
 * Signed snapshots with the built CLI against the sandbox: keygen, export --sign-key, verify
 * --public-key; a consistent rewrite of a file and its manifest entry, a wrong key, a damaged
 * key file; and signing under one runtime, verifying under another.
 */
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, describeRun, logLines, type Runtime, rollcall, sandboxEnv, temporaryDir } from './support.js';

let sandbox: Sandbox;
let keys: string;
const outputs: Array<CliResult> = [];

const run = async (args: ReadonlyArray<string>, runtime: Runtime = 'node') => {
  const result = await rollcall(args, { env: sandboxEnv(sandbox), runtime });
  outputs.push(result);
  return result;
};

const keygen = async (prefix: string, runtime: Runtime = 'node') => {
  const result = await run(['keygen', '--out', prefix], runtime);
  expect(result.code, describeRun(result)).toBe(0);
  expect(result.stdout).toBe(`${prefix}.key.pem\n${prefix}.pub.pem\n`);
  return { privateKey: `${prefix}.key.pem`, publicKey: `${prefix}.pub.pem` };
};

const signedExport = async (out: string, privateKey: string, runtime: Runtime = 'node') => {
  const result = await run(['export', '--out', out, '--format', 'csv,json', '--sign-key', privateKey], runtime);
  expect(result.code, describeRun(result)).toBe(0);
  expect(result.stdout).toBe(`${out}\n`);
  return out;
};

const privateKeyBody = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('-----'))
    .join('');

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'signing', users: 20, workspaces: 2 });
  keys = temporaryDir();
});
afterAll(async () => {
  // The private keys never appeared in anything the CLI printed.
  const bodies = ['audit', 'other', 'deno', 'bun']
    .map((name) => join(keys, `${name}.key.pem`))
    .filter(existsSync)
    .map(privateKeyBody);
  expect(bodies.length).toBeGreaterThan(0);
  for (const result of outputs) {
    for (const body of bodies) {
      expect(result.stdout.includes(body), 'private key in stdout').toBe(false);
      expect(result.stderr.includes(body), 'private key in stderr').toBe(false);
      expect(result.stdout + result.stderr).not.toContain('PRIVATE KEY-----');
    }
  }
  await sandbox?.close();
});

describe('help', () => {
  it('lists keygen and documents the signing flags', async () => {
    const [root, keygenHelp, exportHelp, verifyHelp] = await Promise.all(
      [['--help'], ['keygen', '--help'], ['export', '--help'], ['verify', '--help']].map((args) => rollcall(args)),
    );
    expect(root?.stdout).toContain('- keygen');
    expect(keygenHelp?.stdout).toContain('--out PREFIX');
    expect(exportHelp?.stdout).toContain('--sign-key FILE');
    expect(verifyHelp?.stdout).toContain('--public-key FILE');
  });
});

describe('rollcall keygen, export --sign-key, verify --public-key', () => {
  let audit: { privateKey: string; publicKey: string };
  let snapshot: string;

  beforeAll(async () => {
    audit = await keygen(join(keys, 'audit'));
    snapshot = await signedExport(join(temporaryDir(), 'signed'), audit.privateKey);
  });

  it('keygen writes a 0600 private key, refuses to overwrite it', async () => {
    expect(statSync(audit.privateKey).mode & 0o777).toBe(0o600);
    const again = await run(['keygen', '--out', join(keys, 'audit')]);
    expect(again.code, describeRun(again)).toBe(2);
    expect(logLines(again).at(-1)?.message).toBe(`--out: ${audit.privateKey} exists; a key file is never overwritten`);
  });

  it('export writes manifest.json.sig in the snapshot; verify checks it, or says it did not', async () => {
    const signature = JSON.parse(readFileSync(join(snapshot, 'manifest.json.sig'), 'utf8'));
    const manifest = JSON.parse(readFileSync(join(snapshot, 'manifest.json'), 'utf8'));
    expect(signature).toEqual({
      algorithm: 'Ed25519',
      keyId: expect.stringMatching(/^[0-9a-f]{16}$/),
      signature: expect.any(String),
    });
    expect(manifest.signature).toEqual({ algorithm: 'Ed25519', keyId: signature.keyId });

    const checked = await run(['verify', snapshot, '--public-key', audit.publicKey]);
    expect(checked.code, describeRun(checked)).toBe(0);
    expect(checked.stdout).toMatch(
      new RegExp(
        `^intact: ${snapshot} \\(12 files, \\d+ rows, as manifest.json says\\)\\nsignature: verified, manifest.json signed by key ${signature.keyId}\\n$`,
      ),
    );
    const unchecked = await run(['verify', snapshot]);
    expect(unchecked.code, describeRun(unchecked)).toBe(0);
    expect(unchecked.stdout).toContain(
      `signature: present (key ${signature.keyId}) but not checked; pass --public-key to check it\n`,
    );
  });

  it('a CSV file rewritten with its manifest entry passes without the key, fails with it', async () => {
    const forged = join(temporaryDir(), 'forged');
    cpSync(snapshot, forged, { recursive: true });
    const file = join(forged, 'users.csv');
    const original = readFileSync(file, 'utf8');
    // The first user's email moved to another domain: same rows, same columns.
    const lines = original.split('\r\n');
    lines[1] = lines[1]!.replace('@', '@attacker.');
    const text = lines.join('\r\n');
    expect(text).not.toBe(original);
    writeFileSync(file, text);
    const manifestFile = join(forged, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    for (const entry of manifest.files) {
      if (entry.name !== 'users.csv') continue;
      entry.bytes = Buffer.byteLength(text);
      entry.sha256 = createHash('sha256').update(text).digest('hex');
    }
    writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);

    const unkeyed = await run(['verify', forged]);
    expect(unkeyed.code, describeRun(unkeyed)).toBe(0);
    const keyed = await run(['verify', forged, '--public-key', audit.publicKey]);
    expect(keyed.code, describeRun(keyed)).toBe(1);
    expect(keyed.stdout).toMatch(
      /^mismatch: manifest\.json\.sig: the signature by key [0-9a-f]{16} does not match manifest\.json: the manifest or the signature was changed after signing\n$/,
    );
  });

  it('another public key fails, saying which key signed', async () => {
    const other = await keygen(join(keys, 'other'));
    const result = await run(['verify', snapshot, '--public-key', other.publicKey]);
    expect(result.code, describeRun(result)).toBe(1);
    expect(result.stdout).toMatch(
      /^mismatch: manifest\.json\.sig: signed by key [0-9a-f]{16}, not by the public key given \(key [0-9a-f]{16}\)\n$/,
    );
  });

  it('an unsigned snapshot fails verify --public-key', async () => {
    const unsigned = join(temporaryDir(), 'unsigned');
    const exported = await run(['export', '--out', unsigned]);
    expect(exported.code, describeRun(exported)).toBe(0);
    const result = await run(['verify', unsigned, '--public-key', audit.publicKey]);
    expect(result.code, describeRun(result)).toBe(1);
    expect(result.stdout).toContain('mismatch: manifest.json.sig: missing;');
  });

  it('a key file with bad content exits 2 naming the file, and exports nothing', async () => {
    const dir = temporaryDir();
    const damaged = join(dir, 'damaged.key.pem');
    writeFileSync(damaged, '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n', { mode: 0o600 });
    const out = join(dir, 'never');
    const exported = await run(['export', '--out', out, '--sign-key', damaged]);
    expect(exported.code, describeRun(exported)).toBe(2);
    expect(logLines(exported).at(-1)?.message).toMatch(
      new RegExp(`^--sign-key: ${damaged} is not a PKCS#8 Ed25519 private key`),
    );
    expect(existsSync(out)).toBe(false);

    const verified = await run(['verify', snapshot, '--public-key', audit.privateKey]);
    expect(verified.code, describeRun(verified)).toBe(2);
    expect(logLines(verified).at(-1)?.message).toBe(
      `--public-key: ${audit.privateKey} holds a PRIVATE KEY, not a PUBLIC KEY`,
    );
  });

  it('warns when the private key can be read by other users', async () => {
    const loose = join(keys, 'loose.key.pem');
    cpSync(audit.privateKey, loose);
    chmodSync(loose, 0o644);
    const result = await run(['export', '--out', join(temporaryDir(), 'loose'), '--sign-key', loose]);
    expect(result.code, describeRun(result)).toBe(0);
    expect(logLines(result).find((line) => line.event === 'key-file.permissions')?.message).toBe(
      `--sign-key: ${loose} can be read by other users (mode 644); chmod 600 it`,
    );
  });
});

describe.concurrent.each([
  ['deno', 'bun'],
  ['bun', 'node'],
] as const)('signed under %s, verified under %s', (signer, verifier) => {
  it('keygen, export --sign-key and verify --public-key agree across runtimes', async () => {
    const pair = await keygen(join(keys, signer), signer);
    const out = await signedExport(join(temporaryDir(), signer), pair.privateKey, signer);
    const result = await run(['verify', out, '--public-key', pair.publicKey], verifier);
    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain('signature: verified');
    const under = await run(['verify', out, '--public-key', join(keys, 'audit.pub.pem')], signer);
    expect(under.code, describeRun(under)).toBe(1);
  });
});
