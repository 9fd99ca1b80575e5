/**
 * The command line itself: help, usage errors (exit 2, the flag named), the token's ways in and
 * its absence from every output, the default snapshot path, and `rollcall sandbox`.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, expectTokenNowhere, logLines, rollcall, sandboxEnv, temporaryDir } from './support.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'cli', users: 8, workspaces: 2 });
});
afterAll(() => sandbox?.close());

describe('help', () => {
  it('documents every command and its flags, on stdout, exit 0', async () => {
    const expectations: Record<string, ReadonlyArray<string>> = {
      export: [
        '--source',
        '--base-url',
        '--out',
        '--format',
        '--page-size',
        '--concurrency',
        '--bom',
        '--quiet',
        '--token-file',
      ],
      verify: ['<DIR>'],
      diff: ['<OLD_DIR>', '<NEW_DIR>', '--json'],
      sandbox: ['--port', '--users', '--seed'],
    };
    const root = await rollcall(['--help']);
    expect(root.code, describeRun(root)).toBe(0);
    for (const command of Object.keys(expectations)) expect(root.stdout).toContain(`- ${command}`);
    const helps = await Promise.all(Object.keys(expectations).map((command) => rollcall([command, '--help'])));
    Object.entries(expectations).forEach(([command, flags], i) => {
      const help = helps[i]!;
      expect(help.code, describeRun(help)).toBe(0);
      for (const flag of flags) expect(help.stdout, `${command} --help`).toContain(flag);
      expect(help.stdout.includes('\u001b['), 'colour codes off a terminal').toBe(false);
    });
  });
});

describe('usage errors', () => {
  it('exit 2 and name the flag', async () => {
    const cases: ReadonlyArray<[ReadonlyArray<string>, RegExp]> = [
      [['export', '--page-size', 'abc'], /--page-size: expected a whole number/],
      [['export', '--concurrency', '0'], /--concurrency: expected a whole number from 1/],
      [['export', '--format', 'csv,xml'], /--format: unknown format "xml"/],
      [['export', '--source', 'salesforce'], /--source: unknown source "salesforce"/],
      [['export', '--bogus'], /--bogus/],
      [['export', '--base-url', 'http://api.example.com'], /--base-url/],
      [['verify'], /DIR/],
      [['diff', '/nonexistent-a', '/nonexistent-b'], /OLD_DIR: \/nonexistent-a is not a snapshot folder/],
    ];
    const results = await Promise.all(cases.map(([args]) => rollcall(args, { env: sandboxEnv(sandbox) })));
    cases.forEach(([args, message], i) => {
      const result = results[i]!;
      expect(result.code, `${args.join(' ')}\n${describeRun(result)}`).toBe(2);
      expect(result.stdout, args.join(' ')).toBe('');
      // Our own usage errors are JSON log lines (stderr is not a terminal); @effect/cli's are text.
      const said =
        logLines(result)
          .map((line) => line.message)
          .join('\n') || result.stderr;
      expect(said, args.join(' ')).toMatch(message);
    });
  });

  it('refuse --token, pointing to TRANSACTIONLINK_TOKEN and --token-file, without echoing it', async () => {
    const token = sandbox.issueToken(['can_manage_users']);
    for (const args of [
      ['export', '--token', token],
      ['export', `--token=${token}`],
    ]) {
      const result = await rollcall(args);
      expect(result.code, describeRun(result)).toBe(2);
      expect(result.stderr).toMatch(/--token is not accepted.*TRANSACTIONLINK_TOKEN.*--token-file PATH/);
      expectTokenNowhere(token, [result]);
    }
  });

  it('exit 2 without a token, naming both ways to give one', async () => {
    const result = await rollcall(['export', '--out', join(temporaryDir(), 'snap')], {
      env: { TRANSACTIONLINK_BASE_URL: sandbox.url },
    });
    expect(result.code, describeRun(result)).toBe(2);
    expect(logLines(result).at(-1)?.message).toMatch(/TRANSACTIONLINK_TOKEN is not set.*--token-file PATH/);
  });

  it('refuse an existing --out with exit 2 and leave it untouched', async () => {
    const out = join(temporaryDir(), 'taken');
    mkdirSync(out);
    writeFileSync(join(out, 'keep.txt'), 'mine');
    const result = await rollcall(['export', '--out', out], { env: sandboxEnv(sandbox) });
    expect(result.code, describeRun(result)).toBe(2);
    expect(result.stderr).toContain('already exists; a snapshot is never overwritten');
    expect(readdirSync(out)).toEqual(['keep.txt']);
    expect(readFileSync(join(out, 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('fail with exit 1 when --out cannot be made, saying why in plain words', async () => {
    const file = join(temporaryDir(), 'a-file');
    writeFileSync(file, 'mine');
    const result = await rollcall(['export', '--out', join(file, 'snapshot')], { env: sandboxEnv(sandbox) });
    expect(result.code, describeRun(result)).toBe(1);
    expect(logLines(result).at(-1)?.message).toBe(
      `cannot write ${join(file, 'snapshot')}: part of the path is a file, not a folder (ENOTDIR)`,
    );
    expect(readFileSync(file, 'utf8')).toBe('mine');
  });
});

describe('the token', () => {
  it('can come from --token-file, over TRANSACTIONLINK_TOKEN, and shows only as a fingerprint', async () => {
    const dir = temporaryDir();
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, `${sandbox.token}\n`);
    chmodSync(tokenFile, 0o600);
    const out = join(dir, 'snap');
    const result = await rollcall(['export', '--out', out, '--token-file', tokenFile, '--format', 'json'], {
      env: { TRANSACTIONLINK_BASE_URL: sandbox.url, TRANSACTIONLINK_TOKEN: `tot_${'x'.repeat(52)}` },
    });
    expect(result.code, describeRun(result)).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.parameters.tokenSource).toBe('--token-file');
    expect(manifest.tokenFingerprint).toMatch(/^[0-9a-f]{12}$/);
    expectTokenNowhere(sandbox.token, [result], [out]);
  });

  it('warns when the token file can be read by others', async () => {
    const dir = temporaryDir();
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, sandbox.token);
    chmodSync(tokenFile, 0o644);
    const result = await rollcall(['export', '--out', join(dir, 'snap'), '--token-file', tokenFile], {
      env: { TRANSACTIONLINK_BASE_URL: sandbox.url },
    });
    expect(result.code, describeRun(result)).toBe(0);
    expect(logLines(result).find((line) => line.event === 'token-file.permissions')?.message).toMatch(/chmod 600/);
  });

  it('that the API refuses fails the run (exit 1) without appearing anywhere', async () => {
    const unknown = `tot_${'Q7'.repeat(26)}`;
    const parent = temporaryDir();
    const result = await rollcall(['export', '--out', join(parent, 'snap')], {
      env: { TRANSACTIONLINK_BASE_URL: sandbox.url, TRANSACTIONLINK_TOKEN: unknown },
    });
    expect(result.code, describeRun(result)).toBe(1);
    expect(logLines(result).at(-1)?.message).toMatch(/→ 401/);
    expect(readdirSync(parent)).toEqual([]);
    expectTokenNowhere(unknown, [result]);
  });

  it('without a scope the API enforces fails the run with the 403 named', async () => {
    const limited = sandbox.issueToken(['can_view_workspace']);
    const parent = temporaryDir();
    const result = await rollcall(['export', '--out', join(parent, 'snap')], { env: sandboxEnv(sandbox, limited) });
    expect(result.code, describeRun(result)).toBe(1);
    expect(logLines(result).at(-1)?.message).toMatch(/→ 403/);
    expect(readdirSync(parent)).toEqual([]);
    expectTokenNowhere(limited, [result]);
  });

  it('that cannot view workspaces gets a snapshot that says so, in the log and in the manifest', async () => {
    const limited = sandbox.issueToken(['can_manage_users']);
    const out = join(temporaryDir(), 'snap');
    const result = await rollcall(['export', '--out', out], { env: sandboxEnv(sandbox, limited) });
    expect(result.code, describeRun(result)).toBe(0);
    const warning = logLines(result).find((line) => line.event === 'source.warning');
    expect(warning?.message).toMatch(/workspace list is empty.*can_view_workspace/);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).warnings).toEqual([warning?.message]);
  });
});

describe('defaults', () => {
  it('write ./rollcall-snapshots/transactionlink-<UTC timestamp>/ in CSV, progress as JSON lines, stdout the path only', async () => {
    const cwd = temporaryDir();
    const result = await rollcall(['export'], { env: sandboxEnv(sandbox), cwd });
    expect(result.code, describeRun(result)).toBe(0);
    const [name] = readdirSync(join(cwd, 'rollcall-snapshots'));
    expect(name).toMatch(/^transactionlink-\d{8}T\d{6}Z$/);
    expect(result.stdout).toBe(`${join(cwd, 'rollcall-snapshots', name!)}\n`);
    const snapshot = join(cwd, 'rollcall-snapshots', name!);
    expect(readdirSync(snapshot).filter((file) => !file.endsWith('.csv'))).toEqual(['manifest.json']);
    expect(statSync(snapshot).mode & 0o777).toBe(0o700);
    for (const file of readdirSync(snapshot)) expect(statSync(join(snapshot, file)).mode & 0o777, file).toBe(0o600);
    const events = logLines(result).map((line) => line.event);
    expect(events[0]).toBe('export.start');
    expect(events.at(-1)).toBe('export.done');
    expect(events).toContain('fetch.done');
  });

  it('--quiet leaves stderr empty on success', async () => {
    const result = await rollcall(['export', '--quiet', '--out', join(temporaryDir(), 'snap')], {
      env: sandboxEnv(sandbox),
    });
    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stderr).toBe('');
  });
});

describe('rollcall sandbox', () => {
  it('prints shell lines for working TransactionLink and GitBook settings, and stops cleanly on Ctrl-C', async () => {
    const dir = temporaryDir();
    let stdout = '';
    const exported: Array<string> = [];
    const result = await rollcall(['sandbox', '--users', '7', '--seed', 'cli-sandbox'], {
      onStart: (child) => {
        child.stdout!.on('data', async (chunk: Buffer) => {
          stdout += chunk.toString('utf8');
          if (!stdout.includes('GITBOOK_ORGANIZATION_ID=') || exported.length > 0) return;
          exported.push('started');
          const env = Object.fromEntries(
            [...stdout.matchAll(/^export (\w+)='([^']*)'$/gm)].map((match) => [match[1]!, match[2]!]),
          );
          const run = await rollcall(['export', '--out', join(dir, 'snap'), '--format', 'ndjson', '--quiet'], { env });
          exported.push(String(run.code));
          const gitbook = await rollcall(
            ['export', '--source', 'gitbook', '--out', join(dir, 'gitbook'), '--format', 'ndjson', '--quiet'],
            { env },
          );
          exported.push(String(gitbook.code));
          child.kill('SIGINT');
        });
      },
    });
    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(
        [
          "^export TRANSACTIONLINK_BASE_URL='http://127\\.0\\.0\\.1:(\\d+)'",
          "export TRANSACTIONLINK_TOKEN='tot_\\S{52}'",
          "export GITBOOK_BASE_URL='http://127\\.0\\.0\\.1:\\1/v1'",
          "export GITBOOK_TOKEN='\\S+'",
          "export GITBOOK_ORGANIZATION_ID='[\\w-]+'\n$",
        ].join('\n'),
      ),
    );
    expect(exported).toEqual(['started', '0', '0']);
    expect(
      readFileSync(join(dir, 'snap', 'users.ndjson'), 'utf8')
        .trimEnd()
        .split('\n'),
    ).toHaveLength(7);
    expect(logLines(result).map((line) => line.event)).toEqual(['sandbox.ready', 'sandbox.stop']);
    expect(existsSync(join(dir, 'snap', 'manifest.json'))).toBe(true);
    expect(existsSync(join(dir, 'gitbook', 'members.ndjson'))).toBe(true);
  });
});
