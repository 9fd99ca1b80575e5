/**
 * The checks the resilience and security suites rely on must themselves catch what they look
 * for: a token in a hidden file or in stderr, a leftover temporary folder, a differing file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliResult, temporaryDir } from '../e2e/support.js';
import { findLeaks, secretForms } from './secrets.js';
import { judgeExport } from './snapshot-outcome.js';

const TOKEN = `tot_${'s3cr3t'.repeat(8)}abcd`;
const run = (code: number, stdout = ''): CliResult => ({ code, signal: null, stdout, stderr: '' });

describe('findLeaks', () => {
  it('finds every form of a token in outputs and in hidden files of nested folders', () => {
    const dir = temporaryDir();
    mkdirSync(join(dir, '.snap.partial-1', '.work'), { recursive: true });
    writeFileSync(join(dir, '.snap.partial-1', '.work', 'users.ndjson'), `{"note":"Bearer ${TOKEN}"}`);
    const leaks = findLeaks([TOKEN], { stderr: `failed: ${encodeURIComponent(TOKEN)}`, stdout: 'ok' }, [dir]);
    expect(leaks.map((leak) => leak.where)).toContain('stderr');
    expect(leaks.some((leak) => leak.where.endsWith('users.ndjson'))).toBe(true);
    expect(leaks.every((leak) => !leak.form.includes(TOKEN))).toBe(true);
    expect(findLeaks([TOKEN], { stdout: 'ok', stderr: 'tot_…' }, [temporaryDir()])).toEqual([]);
  });

  it('looks for the raw token, its Bearer form, percent-encoded and without its prefix', () => {
    expect(secretForms('tot_a/b')).toEqual(['tot_a/b', 'Bearer tot_a/b', 'tot_a%2Fb']);
    expect(secretForms(TOKEN)).toContain(TOKEN.slice(4));
  });
});

describe('judgeExport', () => {
  const reference = new Map([['users.csv', Buffer.from('id\r\n1\r\n')]]);

  it('accepts identical data files and a failure that left nothing', () => {
    const parent = temporaryDir();
    const out = join(parent, 'snap');
    mkdirSync(out);
    writeFileSync(join(out, 'users.csv'), 'id\r\n1\r\n');
    writeFileSync(join(out, 'manifest.json'), '{}');
    expect(judgeExport(run(0, `${out}\n`), out, reference)).toEqual({ kind: 'identical' });
    expect(judgeExport(run(1), join(temporaryDir(), 'snap'), reference)).toEqual({ kind: 'failed-cleanly' });
  });

  it('flags a partial snapshot, a leftover temporary folder, different data and other exit codes', () => {
    const parent = temporaryDir();
    mkdirSync(join(parent, '.snap.partial-abc'));
    expect(judgeExport(run(1), join(parent, 'snap'), reference)).toMatchObject({ kind: 'violation' });

    const half = temporaryDir();
    mkdirSync(join(half, 'snap'));
    writeFileSync(join(half, 'snap', 'users.csv'), 'id\r\n');
    expect(judgeExport(run(0), join(half, 'snap'), reference)).toMatchObject({
      kind: 'violation',
      reason: expect.stringContaining('users.csv'),
    });
    expect(judgeExport(run(1), join(half, 'snap'), reference)).toMatchObject({ kind: 'violation' });
    expect(judgeExport(run(130), join(temporaryDir(), 'snap'), reference)).toMatchObject({ kind: 'violation' });
  });
});
