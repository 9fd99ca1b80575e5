/**
 * Plain http is for the loopback interface only: any other http base URL, from --base-url or
 * from TRANSACTIONLINK_BASE_URL or GITBOOK_BASE_URL, is refused before a request is made (exit 2, the setting named,
 * nothing written). A server listening on this machine's non-loopback address proves that no
 * request went out.
 */
import { readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, logLines, rollcall, temporaryDir } from '../e2e/support.js';

const TOKEN = `tot_${'b'.repeat(52)}`;

/** This machine's first non-loopback IPv4 address, if it has one. */
const outwardAddress = (): string | undefined =>
  Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry?.family === 'IPv4' && !entry.internal)?.address;

let trap: Server;
let trapped = 0;
let port: number;
beforeAll(async () => {
  trap = createServer((_, response) => {
    trapped++;
    response.writeHead(200, { 'content-type': 'application/json' }).end('[]');
  });
  await new Promise<void>((resolve) => trap.listen(0, '0.0.0.0', resolve));
  port = (trap.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => trap.close(() => resolve())));

const refusedUrls = () => {
  const outward = outwardAddress() ?? '10.255.255.1';
  return [
    `http://${outward}:${port}`,
    'http://api.transactionlink.io',
    `http://localhost.evil.example:${port}`,
    `http://127.0.0.1.nip.io:${port}`,
    `http://127.0.0.1@evil.example:${port}`,
    `HTTP://EVIL.EXAMPLE:${port}`,
    'ftp://127.0.0.1/organizations',
    'file:///etc/passwd',
  ];
};

/** How each source is pointed somewhere: its flag and its variable, with credentials that look right. */
const SOURCES = [
  { source: 'transactionlink', variable: 'TRANSACTIONLINK_BASE_URL', credentials: { TRANSACTIONLINK_TOKEN: TOKEN } },
  {
    source: 'gitbook',
    variable: 'GITBOOK_BASE_URL',
    credentials: { GITBOOK_TOKEN: `gb_api_${'c'.repeat(40)}`, GITBOOK_ORGANIZATION_ID: 'org_1' },
  },
] as const;

describe.each(SOURCES)('a $source base URL that is http but not loopback', ({ source, variable, credentials }) => {
  for (const via of ['--base-url', variable] as const) {
    it(`is refused from ${via}: exit 2, the setting named, nothing written, no request made`, async () => {
      await Promise.all(
        refusedUrls().map(async (url) => {
          const parent = temporaryDir();
          const out = join(parent, 'snap');
          const args = [
            'export',
            '--source',
            source,
            '--out',
            out,
            ...(via === '--base-url' ? ['--base-url', url] : []),
          ];
          const env = { ...credentials, ...(via === '--base-url' ? {} : { [variable]: url }) };
          const result = await rollcall(args, { env });
          const run = `${url}\n${describeRun(result)}`;
          expect(result.code, run).toBe(2);
          expect(result.stdout, run).toBe('');
          const said = logLines(result)
            .map((line) => String(line.message))
            .join('\n');
          expect(said, run).toContain(via);
          expect(readdirSync(parent), run).toEqual([]);
        }),
      );
      expect(trapped, 'requests that reached the non-loopback address').toBe(0);
    });
  }
});
