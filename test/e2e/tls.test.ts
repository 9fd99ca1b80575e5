/**
 * An API over HTTPS with the built CLI on Node, Deno and Bun, the sandbox behind a local TLS
 * front whose certificate comes from a test CA: trusted through NODE_EXTRA_CA_CERTS, the export
 * is complete, directly and through an HTTPS_PROXY tunnel; not trusted, it fails at once (no
 * retries) with a reason and what to do, and leaves no snapshot; so does an https URL whose port
 * serves plain HTTP.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ForwardProxy, startForwardProxy } from '../support/forward-proxy.mjs';
import { startTlsFront, TEST_CA, type TlsFront } from '../support/tls-front.mjs';
import { dataFilesOf, describeRun, type Runtime, rollcall, sandboxEnv, temporaryDir } from './support.js';

let sandbox: Sandbox;
let front: TlsFront;
let proxy: ForwardProxy;
let reference: Map<string, Buffer>;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'cli-tls', users: 30, workspaces: 2 });
  front = await startTlsFront(sandbox.url);
  proxy = await startForwardProxy();
  const out = join(temporaryDir(), 'plain-http');
  const direct = await rollcall(['export', '--out', out, '--quiet'], { env: sandboxEnv(sandbox) });
  expect(direct.code, describeRun(direct)).toBe(0);
  reference = dataFilesOf(out);
});
afterAll(async () => {
  await proxy?.close();
  await front?.close();
  await sandbox?.close();
});

const overHttps = (env: Record<string, string> = {}) => ({
  ...sandboxEnv(sandbox),
  TRANSACTIONLINK_BASE_URL: front.url,
  ...env,
});

// One runtime at a time: the proxy's request log is shared.
describe.each(['node', 'deno', 'bun'] as const)('under %s', (runtime: Runtime) => {
  it('with the CA in NODE_EXTRA_CA_CERTS, the export over HTTPS is complete', async () => {
    const out = join(temporaryDir(), 'snapshot');
    const result = await rollcall(['export', '--out', out], {
      runtime,
      env: overHttps({ NODE_EXTRA_CA_CERTS: TEST_CA }),
    });
    expect(result.code, describeRun(result)).toBe(0);
    expect(dataFilesOf(out)).toEqual(reference);
  });

  it('through HTTPS_PROXY, every request is tunnelled to the API and the export is complete', async () => {
    proxy.requests.length = 0;
    const out = join(temporaryDir(), 'snapshot');
    const result = await rollcall(['export', '--out', out], {
      runtime,
      env: overHttps({ NODE_EXTRA_CA_CERTS: TEST_CA, HTTPS_PROXY: proxy.url }),
    });
    expect(result.code, describeRun(result)).toBe(0);
    expect(dataFilesOf(out)).toEqual(reference);
    const apiHost = new URL(front.url).host;
    expect(proxy.requests.length).toBeGreaterThan(0);
    expect(proxy.requests.every(({ kind, target }) => kind === 'connect' && target === apiHost)).toBe(true);
  });

  it('an untrusted certificate fails at once, says what to do, and leaves no snapshot', async () => {
    const out = join(temporaryDir(), 'snapshot');
    const result = await rollcall(['export', '--out', out], { runtime, env: overHttps() });
    expect(result.code, describeRun(result)).toBe(1);
    expect(result.stderr).toContain('TLS certificate not trusted');
    expect(result.stderr).toContain('(1 attempt)');
    expect(result.stderr).toContain('set NODE_EXTRA_CA_CERTS');
    expect(result.stderr).not.toContain('request.retry');
    expect(result.stderr).not.toContain(sandbox.token);
    expect(existsSync(out)).toBe(false);
  });

  it('an https URL whose port serves plain HTTP fails at once, saying so', async () => {
    const out = join(temporaryDir(), 'snapshot');
    const plainPort = new URL(sandbox.url).port;
    const result = await rollcall(['export', '--out', out], {
      runtime,
      env: overHttps({ TRANSACTIONLINK_BASE_URL: `https://localhost:${plainPort}` }),
    });
    expect(result.code, describeRun(result)).toBe(1);
    expect(result.stderr).toContain('no TLS server on that port (should the URL be http://?) (1 attempt)');
    expect(existsSync(out)).toBe(false);
  });
});
