/**
 * `rollcall export --source gitbook` on the command line: configuration errors (exit 2, the
 * variable or flag named, nothing written), the token's ways in and its absence from every
 * output, `--base-url` over GITBOOK_BASE_URL, refusals by the API (exit 1), and the default
 * snapshot path.
 */
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, expectTokenNowhere, gitBookEnv, logLines, rollcall, sha256, temporaryDir } from './support.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({
    seed: 'gitbook-cli',
    users: 2,
    workspaces: 1,
    gitbook: { members: 6, inviteLinks: 4 },
  });
});
afterAll(() => sandbox?.close());

const without = (env: Record<string, string>, name: string) => {
  const { [name]: _dropped, ...rest } = env;
  return rest;
};

const tokenFile = (content: string) => {
  const path = join(temporaryDir(), 'token');
  writeFileSync(path, content);
  chmodSync(path, 0o600);
  return path;
};

describe('configuration errors', () => {
  it('exit 2 naming the variable or flag, and write nothing', async () => {
    const env = gitBookEnv(sandbox);
    const cases: ReadonlyArray<[string, Record<string, string>, ReadonlyArray<string>, RegExp]> = [
      ['no token', without(env, 'GITBOOK_TOKEN'), [], /^GITBOOK_TOKEN is not set.*; or pass --token-file PATH/],
      ['no organization', without(env, 'GITBOOK_ORGANIZATION_ID'), [], /^GITBOOK_ORGANIZATION_ID is not set/],
      [
        'a malformed organization',
        { ...env, GITBOOK_ORGANIZATION_ID: 'my org/../x' },
        [],
        /^GITBOOK_ORGANIZATION_ID must contain only letters, digits/,
      ],
      [
        'a plain-http base URL',
        { ...env, GITBOOK_BASE_URL: 'http://api.gitbook.example/v1' },
        [],
        /^GITBOOK_BASE_URL must use https/,
      ],
      [
        'a plain-http --base-url',
        env,
        ['--base-url', 'http://api.gitbook.example/v1'],
        /^--base-url: .*must use https/,
      ],
      [
        'a token file holding the Authorization header',
        env,
        ['--token-file', tokenFile(`Bearer ${sandbox.gitbook.token}\n`)],
        /^--token-file: .*without a "Bearer " prefix/,
      ],
    ];
    const parents = cases.map(() => temporaryDir());
    const results = await Promise.all(
      cases.map(([, caseEnv, extra], i) =>
        rollcall(['export', '--source', 'gitbook', '--out', join(parents[i]!, 'snap'), ...extra], { env: caseEnv }),
      ),
    );
    cases.forEach(([name, , , message], i) => {
      const result = results[i]!;
      expect(result.code, `${name}\n${describeRun(result)}`).toBe(2);
      expect(result.stdout, name).toBe('');
      expect(logLines(result).at(-1), name).toMatchObject({ level: 'error', error: 'UsageError', exitCode: 2 });
      expect(String(logLines(result).at(-1)?.message), name).toMatch(message);
      expect(readdirSync(parents[i]!), name).toEqual([]);
    });
    expectTokenNowhere(sandbox.gitbook.token, results);
  });

  it('refuse --token, pointing to GITBOOK_TOKEN and --token-file, without echoing it', async () => {
    const token = sandbox.gitbook.token;
    const result = await rollcall(['export', '--source', 'gitbook', `--token=${token}`]);
    expect(result.code, describeRun(result)).toBe(2);
    expect(result.stderr).toMatch(/--token is not accepted.*GITBOOK_TOKEN.*--token-file PATH/);
    expectTokenNowhere(token, [result]);
  });
});

describe('the token and the base URL', () => {
  it('--token-file wins over GITBOOK_TOKEN, --base-url over GITBOOK_BASE_URL; the token shows only as a fingerprint', async () => {
    const out = join(temporaryDir(), 'snap');
    const result = await rollcall(
      [
        'export',
        '--source',
        'gitbook',
        '--out',
        out,
        '--format',
        'json',
        '--token-file',
        tokenFile(`${sandbox.gitbook.token}\n`),
        '--base-url',
        sandbox.gitbook.url,
      ],
      {
        env: {
          ...gitBookEnv(sandbox, 'gb_not_the_token'),
          // Nothing listens here: the export only works if --base-url wins.
          GITBOOK_BASE_URL: 'http://127.0.0.1:9/v1',
        },
      },
    );
    expect(result.code, describeRun(result)).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.parameters.tokenSource).toBe('--token-file');
    expect(manifest.tokenFingerprint).toBe(sha256(sandbox.gitbook.token).slice(0, 12));
    expect(manifest.source.baseUrl).toBe(sandbox.gitbook.url);
    expect(JSON.parse(readFileSync(join(out, 'members.json'), 'utf8'))).toHaveLength(6);
    expectTokenNowhere(sandbox.gitbook.token, [result], [out]);
  });

  it('that the API refuses (401), or for an organization it may not see (403), fails the run (exit 1) leaving nothing', async () => {
    const unknown = 'gb_api_UnknownTokenUnknownTokenUnknownToken12';
    const parents = [temporaryDir(), temporaryDir()];
    const [refused, forbidden] = await Promise.all([
      rollcall(['export', '--source', 'gitbook', '--out', join(parents[0]!, 'snap')], {
        env: gitBookEnv(sandbox, unknown),
      }),
      rollcall(['export', '--source', 'gitbook', '--out', join(parents[1]!, 'snap')], {
        env: { ...gitBookEnv(sandbox), GITBOOK_ORGANIZATION_ID: sandbox.gitbook.otherOrganizationId },
      }),
    ]);
    expect(refused.code, describeRun(refused)).toBe(1);
    expect(logLines(refused).at(-1)).toMatchObject({ error: 'SourceFailure', exitCode: 1 });
    expect(String(logLines(refused).at(-1)?.message)).toMatch(/→ 401/);
    expect(forbidden.code, describeRun(forbidden)).toBe(1);
    expect(String(logLines(forbidden).at(-1)?.message)).toMatch(/→ 403/);
    for (const parent of parents) expect(readdirSync(parent)).toEqual([]);
    expectTokenNowhere(unknown, [refused]);
    expectTokenNowhere(sandbox.gitbook.token, [refused, forbidden]);
  });
});

describe('defaults', () => {
  it('write ./rollcall-snapshots/gitbook-<UTC timestamp>/ in CSV, stdout the path only', async () => {
    const cwd = temporaryDir();
    const result = await rollcall(['export', '--source', 'gitbook'], { env: gitBookEnv(sandbox), cwd });
    expect(result.code, describeRun(result)).toBe(0);
    const [name] = readdirSync(join(cwd, 'rollcall-snapshots'));
    expect(name).toMatch(/^gitbook-\d{8}T\d{6}Z$/);
    const snapshot = join(cwd, 'rollcall-snapshots', name!);
    expect(result.stdout).toBe(`${snapshot}\n`);
    expect(readdirSync(snapshot).sort()).toEqual(['invite-links.csv', 'manifest.json', 'members.csv']);
    const manifest = JSON.parse(readFileSync(join(snapshot, 'manifest.json'), 'utf8'));
    expect(manifest.parameters).toMatchObject({ formats: ['csv'], pageSize: 100, tokenSource: 'GITBOOK_TOKEN' });
    expect(logLines(result)[0]).toMatchObject({
      event: 'export.start',
      source: 'gitbook',
      baseUrl: sandbox.gitbook.url,
    });
  });

  it('are documented in export --help', async () => {
    const help = await rollcall(['export', '--help']);
    expect(help.code, describeRun(help)).toBe(0);
    for (const word of ['gitbook', 'GITBOOK_TOKEN', 'GITBOOK_ORGANIZATION_ID', 'GITBOOK_BASE_URL']) {
      expect(help.stdout).toContain(word);
    }
  });
});
