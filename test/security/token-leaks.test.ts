/**
 * The token (TransactionLink's, and GitBook's Bearer token) never leaks, debug logging on: not when the server echoes it back in an error (as
 * is, as a Bearer header, percent-encoded, or as a value that fails to decode), not when it is
 * refused, not when it comes from a token file. Each run's stdout, stderr, every file it left and
 * the sandbox's request log are searched for every form of it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FaultConfig, type Sandbox, startSandbox } from '@rollcall/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CliResult,
  describeRun,
  gitBookEnv,
  logLines,
  rollcall,
  sandboxEnv,
  temporaryDir,
} from '../e2e/support.js';
import { putFaults, requestLog } from '../support/sandbox-control.js';
import { findLeaks } from '../support/secrets.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'token-leaks', users: 25, workspaces: 2, gitbook: { members: 25 } });
});
afterAll(() => sandbox?.close());

const USERS = '/organizations/users';

/** An ErrorResponse whose message repeats `text`, as a careless server might. */
const echoing = (text: string) => ({
  fingerprint: 'echo',
  errors: [{ code: 'ECHO', message: `request with Authorization ${text} refused` }],
});

/** Exports with debug logging under `faults`; returns the run and the folder it wrote in. */
const exportUnder = async (
  faults: FaultConfig,
  options: { readonly env?: Record<string, string>; readonly args?: ReadonlyArray<string> } = {},
) => {
  await putFaults(sandbox, faults);
  const parent = temporaryDir();
  const result = await rollcall(
    [
      'export',
      '--log-level',
      'debug',
      '--out',
      join(parent, 'snap'),
      '--format',
      'csv,json,ndjson',
      ...(options.args ?? []),
    ],
    { env: options.env ?? sandboxEnv(sandbox) },
  );
  return { result, parent };
};

const expectNoLeak = async (tokens: ReadonlyArray<string>, result: CliResult, parent: string) => {
  const texts = {
    stdout: result.stdout,
    stderr: result.stderr,
    'sandbox request log': JSON.stringify(await requestLog(sandbox)),
  };
  expect(findLeaks(tokens, texts, [parent]), describeRun(result)).toEqual([]);
};

describe('a token echoed back by the server', () => {
  const token = () => sandbox.token;
  const echoedForms: Readonly<Record<string, (token: string) => string>> = {
    'as is': (token) => token,
    'as a Bearer header': (token) => `Bearer ${token}`,
    'percent-encoded': (token) => encodeURIComponent(token),
  };

  it('in a 5xx that is retried is in no log line, debug included, nor in the snapshot', async () => {
    const { result, parent } = await exportUnder({
      rules: [
        {
          match: { path: USERS, query: { page: '0' } },
          times: 2,
          fault: { kind: 'status', status: 503, body: echoing(token()) },
        },
      ],
    });
    expect(result.code, describeRun(result)).toBe(0);
    expect(logLines(result).filter((line) => line.event === 'request.retry')).toHaveLength(2);
    expect(result.stderr).toContain('"logLevel":"DEBUG"');
    await expectNoLeak([token()], result, parent);
  });

  // A token with characters that percent-encoding changes. Faulted answers are sent without
  // looking at the token, so the sandbox need not know it.
  const special = `tot_${'Ab/+=:?&%#~'.repeat(5).slice(0, 52)}`;
  for (const [how, form] of Object.entries(echoedForms)) {
    it(`${how} in the error that fails the run is not in its message`, async () => {
      const text = form(special);
      const { result, parent } = await exportUnder(
        {
          rules: [
            { match: { pathPrefix: '/organizations' }, fault: { kind: 'status', status: 400, body: echoing(text) } },
          ],
        },
        { env: sandboxEnv(sandbox, special) },
      );
      expect(result.code, describeRun(result)).toBe(1);
      expect(logLines(result).at(-1)).toMatchObject({ level: 'error', exitCode: 1 });
      expect(String(logLines(result).at(-1)?.message)).toMatch(/→ 400/);
      expect(result.stderr.includes(text), `${how} form in stderr`).toBe(false);
      await expectNoLeak([special], result, parent);
    });
  }

  it('as a value that fails to decode is not in the decode error', async () => {
    const response = await fetch(`${sandbox.url}${USERS}?page=0&size=100`, { headers: { Authorization: token() } });
    const page = (await response.json()) as Record<string, unknown>;
    const { result, parent } = await exportUnder({
      rules: [{ match: { path: USERS }, fault: { kind: 'body', body: { ...page, totalPages: token() } } }],
    });
    expect(result.code, describeRun(result)).toBe(1);
    expect(String(logLines(result).at(-1)?.message)).toMatch(/totalPages/);
    await expectNoLeak([token()], result, parent);
  });
});

describe('a token the API refuses', () => {
  it('is in no output when the run fails on 401', async () => {
    const unknown = `tot_${'Zq9'.repeat(17)}X`;
    const { result, parent } = await exportUnder({}, { env: sandboxEnv(sandbox, unknown) });
    expect(result.code, describeRun(result)).toBe(1);
    await expectNoLeak([unknown, sandbox.token], result, parent);
  });

  it('is in no output when it is malformed (configuration error, exit 2)', async () => {
    const malformed = `Bearer tot_${'k'.repeat(52)}`;
    const { result, parent } = await exportUnder({}, { env: sandboxEnv(sandbox, malformed) });
    expect(result.code, describeRun(result)).toBe(2);
    await expectNoLeak([malformed.slice('Bearer '.length)], result, parent);
  });
});

describe('a token from --token-file', () => {
  it('is in no output nor file of a run with debug logging and retries', async () => {
    const dir = temporaryDir();
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, `${sandbox.token}\n`, { mode: 0o600 });
    const { result, parent } = await exportUnder(
      { rules: [{ match: { path: USERS, query: { page: '0' } }, times: 1, fault: { kind: 'reset' } }] },
      { env: { TRANSACTIONLINK_BASE_URL: sandbox.url }, args: ['--token-file', tokenFile] },
    );
    expect(result.code, describeRun(result)).toBe(0);
    await expectNoLeak([sandbox.token], result, parent);
  });
});

describe('a GitBook token (sent as a Bearer header)', () => {
  const gitbookToken = () => sandbox.gitbook.token;
  const members = () => `/v1/orgs/${sandbox.gitbook.organizationId}/members`;
  /** GitBook's error body, with a message that repeats `text`. */
  const echoingGitBook = (status: number, text: string) => ({
    error: { code: status, message: `Authorization ${text} refused` },
  });

  const exportGitBook = async (faults: FaultConfig, env = gitBookEnv(sandbox)) => {
    await putFaults(sandbox, faults);
    const parent = temporaryDir();
    const result = await rollcall(
      ['export', '--log-level', 'debug', '--out', join(parent, 'snap'), '--source', 'gitbook', '--page-size', '10'],
      { env },
    );
    return { result, parent };
  };

  it('echoed in a 5xx that is retried is in no log line, debug included, nor in the snapshot', async () => {
    const { result, parent } = await exportGitBook({
      rules: [
        {
          match: { path: members() },
          times: 2,
          fault: { kind: 'status', status: 503, body: echoingGitBook(503, `Bearer ${gitbookToken()}`) },
        },
      ],
    });
    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stderr).toContain('"logLevel":"DEBUG"');
    await expectNoLeak([gitbookToken()], result, parent);
  });

  it('echoed in the error that fails the run is not in its message', async () => {
    const { result, parent } = await exportGitBook({
      rules: [
        {
          match: { path: members() },
          fault: { kind: 'status', status: 400, body: echoingGitBook(400, `Bearer ${gitbookToken()}`) },
        },
      ],
    });
    expect(result.code, describeRun(result)).toBe(1);
    expect(String(logLines(result).at(-1)?.message)).toMatch(/→ 400/);
    await expectNoLeak([gitbookToken()], result, parent);
  });

  it('that the API refuses (401) is in no output', async () => {
    const unknown = `gb_api_${'Q'.repeat(40)}`;
    const { result, parent } = await exportGitBook({}, gitBookEnv(sandbox, unknown));
    expect(result.code, describeRun(result)).toBe(1);
    expect(String(logLines(result).at(-1)?.message)).toMatch(/→ 401/);
    await expectNoLeak([unknown, gitbookToken()], result, parent);
  });
});
