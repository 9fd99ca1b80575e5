import { describe, expect, it } from 'vitest';
import { CSV_DIALECT } from '../src/format.js';
import { decodeManifest, encodeManifest, type Manifest } from '../src/manifest.js';

const manifest: Manifest = {
  manifestVersion: 1,
  tool: { name: 'rollcall', package: '@rollcall/exporter', version: '0.1.0' },
  source: {
    name: 'transactionlink',
    system: 'TransactionLink',
    baseUrl: 'https://api.transactionlink.io',
    apiVersion: 'v3',
  },
  startedAt: '2026-01-05T09:00:00.000Z',
  finishedAt: '2026-01-05T09:00:05.000Z',
  operator: { user: 'auditor', host: 'ci-runner' },
  tokenFingerprint: '0123456789ab',
  parameters: { formats: ['csv'], pageSize: 100, concurrency: 4, bom: false, tokenSource: 'TRANSACTIONLINK_TOKEN' },
  files: [{ name: 'users.csv', entity: 'users', format: 'csv', rows: 2, bytes: 120, sha256: 'a'.repeat(64) }],
  counts: { requests: 3, pages: 3, retries: 0, refetches: 0 },
  csv: { ...CSV_DIALECT, bom: false, neutralisedCells: { 'users.csv': 1 } },
  warnings: [],
};

describe('manifest', () => {
  it('encodes as indented JSON with a final newline and decodes back to the same value', () => {
    const text = encodeManifest(manifest);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "manifestVersion": 1,\n');
    expect(decodeManifest(text)).toEqual(manifest);
  });

  it('keeps the documented field order, whatever order the object was built in', () => {
    const shuffled = Object.fromEntries(Object.entries(manifest).reverse()) as unknown as Manifest;
    expect(Object.keys(JSON.parse(encodeManifest(shuffled)))).toEqual(Object.keys(manifest));
    expect(encodeManifest(shuffled)).toBe(encodeManifest(manifest));
  });

  it('rejects manifests that are not rollcall version 1 or whose hashes are not SHA-256', () => {
    expect(() => decodeManifest(JSON.stringify({ ...manifest, manifestVersion: 2 }))).toThrow(/manifestVersion/);
    const badFile = { ...manifest.files[0], sha256: 'xyz' };
    expect(() => decodeManifest(JSON.stringify({ ...manifest, files: [badFile] }))).toThrow(/sha256/);
    expect(() => decodeManifest('not json')).toThrow();
  });
});
