/**
 * `rollcall export` against a base URL that redirects: within its origin the snapshot is made;
 * to another origin the run fails (exit 1) naming the target, leaves nothing at --out, and
 * nothing (the token least of all) reaches the other origin.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCountingServer, startRedirector } from '../support/redirecting-server.mjs';
import { describeRun, ENTITIES, rollcall, sandboxEnv, temporaryDir } from './support.js';

type TestServer = Awaited<ReturnType<typeof startCountingServer>>;

let sandbox: Sandbox;
let elsewhere: TestServer;
let redirector: TestServer;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'cli-redirects', users: 8, workspaces: 2 });
  elsewhere = await startCountingServer();
  redirector = await startRedirector(sandbox.url, elsewhere.url);
});
afterAll(async () => {
  await Promise.all([redirector?.close(), elsewhere?.close()]);
  await sandbox?.close();
});

describe('export behind a redirect', () => {
  it('to another origin: exit 1, the target named, no snapshot, nothing sent there', async () => {
    const parent = temporaryDir();
    const out = join(parent, 'snapshot');
    const result = await rollcall(['export', '--out', out, '--quiet'], {
      env: { ...sandboxEnv(sandbox), TRANSACTIONLINK_BASE_URL: `${redirector.url}/away` },
      cwd: parent,
    });
    expect(result.code, describeRun(result)).toBe(1);
    expect(result.stderr).toContain(`redirect to another origin, ${elsewhere.url}/`);
    expect(result.stderr).toContain("a snapshot is only taken from the base URL's own origin");
    for (const secret of [sandbox.token, 'pa55', 'query-secret']) expect(result.stderr).not.toContain(secret);
    expect(result.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
    expect(elsewhere.requests).toEqual([]);
  });

  it('within the origin: the snapshot is complete', async () => {
    const out = join(temporaryDir(), 'snapshot');
    const result = await rollcall(['export', '--out', out, '--format', 'csv', '--quiet'], {
      env: { ...sandboxEnv(sandbox), TRANSACTIONLINK_BASE_URL: `${redirector.url}/same` },
    });
    expect(result.code, describeRun(result)).toBe(0);
    expect(readdirSync(out).sort()).toEqual([...ENTITIES.map((entity) => `${entity}.csv`), 'manifest.json'].sort());
  });
});
