/**
 * The five packages as `pnpm pack` makes them: what a consumer outside the monorepo installs.
 * Each tarball must carry its build, types, README and LICENSE, no source maps pointing at
 * sources it does not ship, and sibling dependencies rewritten from workspace:* to the release.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packInto, release, tarballPath } from './pack.js';

/** Folder, and a file each consumer needs from it (what `exports` or `bin` point at). */
const PACKAGES = [
  { dir: 'generated/transactionlink', needs: ['dist/index.js', 'dist/index.d.ts', 'openapi.json'] },
  { dir: 'generated/gitbook', needs: ['dist/index.js', 'dist/index.d.ts', 'openapi.json'] },
  { dir: 'packages/client', needs: ['dist/index.js', 'dist/promise.js', 'dist/promise.d.ts', 'README.md'] },
  { dir: 'packages/sandbox', needs: ['dist/index.js', 'dist/index.d.ts', 'README.md'] },
  { dir: 'packages/exporter', needs: ['dist/bin.js', 'dist/index.d.ts', 'README.md'] },
] as const;

let out: string;
const tarball = (dir: string): string => tarballPath(dir, out);

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'rollcall-pack-'));
  packInto(
    PACKAGES.map(({ dir }) => dir),
    out,
  );
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe.each(PACKAGES)('the packed $dir', ({ dir, needs }) => {
  it('carries its build, types, LICENSE and no source maps or sources', () => {
    const files = execFileSync('tar', ['-tzf', tarball(dir)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((path) => path.replace(/^package\//, ''));
    expect(files).toEqual(expect.arrayContaining(['package.json', 'LICENSE', ...needs]));
    expect(
      files.filter((file) => file.endsWith('.map') || file.startsWith('src/') || file.startsWith('test/')),
    ).toEqual([]);
  });

  it('is public and depends on its siblings at exactly the release version', () => {
    const manifest = JSON.parse(
      execFileSync('tar', ['-xOzf', tarball(dir), 'package/package.json'], { encoding: 'utf8' }),
    ) as { version: string; private?: boolean; dependencies?: Record<string, string> };
    expect(manifest.version).toBe(release);
    expect(manifest.private).toBeUndefined();
    const siblings = Object.entries(manifest.dependencies ?? {}).filter(([name]) => name.startsWith('@rollcall/'));
    for (const [name, range] of siblings) expect(`${name}@${range}`).toBe(`${name}@${release}`);
  });
});
