import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../lib/apis.js';

/** Serves `pages` (name -> markdown) on 127.0.0.1 at an ephemeral port; anything else is 404. */
export async function servePages(
  pages: Record<string, string>,
): Promise<{ url: string; close: () => Promise<void>; server: Server }> {
  const server = createServer((request, response) => {
    const name = (request.url ?? '/').split('/').pop() ?? '';
    const page = pages[name];
    if (page === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    } else {
      response.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8' }).end(page);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}/docs/api-reference`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A scratch copy of the repository's specs (and generated code, when asked) to run scripts against. */
export async function scratchRoot(withGenerated = false): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'rollcall-scripts-test-'));
  await cp(join(ROOT, 'openapi'), join(root, 'openapi'), { recursive: true });
  // The generator reads the release version and the LICENSE from the root.
  for (const file of ['package.json', 'LICENSE']) await cp(join(ROOT, file), join(root, file));
  if (withGenerated) {
    await cp(join(ROOT, 'generated'), join(root, 'generated'), {
      recursive: true,
      filter: (source) => !/[/\\](dist|node_modules)$/.test(source),
    });
  }
  return root;
}

/** Every file under `dir`, path -> content, to prove a failed run changed nothing. */
export async function snapshotTree(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path, await readFile(path, 'utf8'));
  }
  return files;
}

export interface ScriptResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `scripts/<name>.ts` the way `pnpm <name>` does, as a child process. */
export function runScript(name: string, args: readonly string[]): Promise<ScriptResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts', `${name}.ts`), ...args],
      { cwd: ROOT, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export const seedPage = (): Promise<string> =>
  readFile(join(ROOT, 'test', 'fixtures', 'transactionlink-enrollments.md'), 'utf8');
