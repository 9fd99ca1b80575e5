/**
 * `HTTP(S)_PROXY` and `NO_PROXY` with the built CLI on Node, Deno and Bun: an export through a
 * local forward proxy is complete and every request went through it; with NO_PROXY covering the
 * host (a list, or `*`) the proxy sees none; the proxy's credentials never show.
 */
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@rollcall/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ForwardProxy, startForwardProxy } from '../support/forward-proxy.mjs';
import { dataFilesOf, describeRun, ENTITIES, type Runtime, rollcall, sandboxEnv, temporaryDir } from './support.js';

let sandbox: Sandbox;
let proxy: ForwardProxy;
let reference: Map<string, Buffer>;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'cli-proxy', users: 30, workspaces: 2 });
  proxy = await startForwardProxy();
  const out = join(temporaryDir(), 'direct');
  const direct = await rollcall(['export', '--out', out, '--quiet'], { env: sandboxEnv(sandbox) });
  expect(direct.code, describeRun(direct)).toBe(0);
  reference = dataFilesOf(out);
});
afterAll(async () => {
  await proxy?.close();
  await sandbox?.close();
});
beforeEach(() => {
  proxy.requests.length = 0;
});

const sandboxHost = () => new URL(sandbox.url).host;

/** What the proxy carried to the sandbox: tunnels to its host, or requests for its URLs. */
const carriedToSandbox = () =>
  proxy.requests.filter(({ target }) => target === sandboxHost() || target.startsWith(`${sandbox.url}/`));

const exportWith = async (runtime: Runtime, env: Record<string, string>) => {
  const out = join(temporaryDir(), 'snapshot');
  const result = await rollcall(['export', '--out', out], { runtime, env: { ...sandboxEnv(sandbox), ...env } });
  expect(result.code, describeRun(result)).toBe(0);
  expect(dataFilesOf(out)).toEqual(reference);
  return result;
};

// One runtime at a time: the proxy's request log is shared.
describe.each(['node', 'deno', 'bun'] as const)('under %s', (runtime) => {
  it('HTTP_PROXY: the export goes through the proxy, complete, its credentials never shown', async () => {
    const withCredentials = new URL(proxy.url);
    withCredentials.username = 'auditor';
    withCredentials.password = 'proxy-pa55word';
    const result = await exportWith(runtime, { HTTP_PROXY: withCredentials.href });
    expect(carriedToSandbox().length, JSON.stringify(proxy.requests)).toBeGreaterThan(0);
    expect(proxy.requests.length).toBe(carriedToSandbox().length);
    expect(proxy.requests[0]?.proxyAuthorization).toBe(`Basic ${btoa('auditor:proxy-pa55word')}`);
    for (const text of [result.stdout, result.stderr]) expect(text).not.toContain('proxy-pa55word');
  });

  it('NO_PROXY naming the host: nothing goes through the proxy', async () => {
    await exportWith(runtime, { HTTP_PROXY: proxy.url, NO_PROXY: `example.com,${new URL(sandbox.url).hostname}` });
    expect(proxy.requests).toEqual([]);
  });

  it('NO_PROXY=*: nothing goes through the proxy', async () => {
    await exportWith(runtime, { HTTP_PROXY: proxy.url, NO_PROXY: '*' });
    expect(proxy.requests).toEqual([]);
  });
});

describe('lower case and errors (Node)', () => {
  it('http_proxy and no_proxy in lower case are honoured', async () => {
    await exportWith('node', { http_proxy: proxy.url });
    expect(carriedToSandbox().length).toBeGreaterThan(0);
    proxy.requests.length = 0;
    await exportWith('node', { http_proxy: proxy.url, no_proxy: '.example.com, 127.0.0.1' });
    expect(proxy.requests).toEqual([]);
  });

  it('a proxy variable that is not an http(s) URL exits 2 naming it, not repeating its value', async () => {
    const out = join(temporaryDir(), 'snapshot');
    const result = await rollcall(['export', '--out', out], {
      env: { ...sandboxEnv(sandbox), HTTPS_PROXY: 'user:s3cret@proxy' },
    });
    expect(result.code, describeRun(result)).toBe(2);
    expect(result.stderr).toContain('HTTPS_PROXY is not an http or https URL');
    expect(result.stderr).not.toContain('s3cret');
  });
});

it('the reference export has every file', () => {
  expect([...reference.keys()].sort()).toEqual(ENTITIES.map((entity) => `${entity}.csv`).sort());
});
