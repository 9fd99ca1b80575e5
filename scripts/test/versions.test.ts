import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../lib/apis.js';
import { PUBLISHED_PACKAGES, releaseProblems } from '../lib/release.js';
import { runScript } from './support.js';

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

/** A scratch copy of what the check reads: the root's and each published package's manifest and LICENSE. */
async function releaseRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'rollcall-versions-test-'));
  roots.push(root);
  for (const file of ['package.json', 'LICENSE', 'CHANGELOG.md']) await cp(join(ROOT, file), join(root, file));
  for (const dir of PUBLISHED_PACKAGES) {
    await mkdir(join(root, dir), { recursive: true });
    for (const file of ['package.json', 'LICENSE']) await cp(join(ROOT, dir, file), join(root, dir, file));
  }
  return root;
}

interface EditableManifest {
  version: string;
  private?: boolean;
  dependencies: Record<string, string>;
}

async function editManifest(root: string, dir: string, edit: (manifest: EditableManifest) => void): Promise<void> {
  const path = join(root, dir, 'package.json');
  const manifest = JSON.parse(await readFile(path, 'utf8')) as EditableManifest;
  edit(manifest);
  await writeFile(path, JSON.stringify(manifest, null, 2));
}

describe('versions', () => {
  it('passes on the committed packages, all five at the release version', async () => {
    const result = await runScript('versions', []);
    const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
    expect(result).toMatchObject({ code: 0, stdout: `versions: all five packages at ${version}\n` });
  });

  it('fails naming the package whose version went out of step', async () => {
    const root = await releaseRoot();
    await editManifest(root, 'packages/sandbox', (manifest) => {
      manifest.version = '0.1.1';
    });
    const result = await runScript('versions', ['--root', root]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('versions: @rollcall/sandbox: version 0.1.1, the release is 0.1.0');
  });

  it('fails when a package depends on a sibling at a range rather than the release', async () => {
    const root = await releaseRoot();
    await editManifest(root, 'packages/exporter', (manifest) => {
      manifest.dependencies['@rollcall/client'] = '^0.1.0';
    });
    expect(releaseProblems(root)).toEqual([
      '@rollcall/exporter: depends on @rollcall/client@^0.1.0, not the release (workspace:* or 0.1.0)',
    ]);
  });

  it('fails on an unpublished workspace dependency, private, a missing LICENSE and a stale CHANGELOG', async () => {
    const root = await releaseRoot();
    await editManifest(root, 'packages/client', (manifest) => {
      manifest.private = true;
      manifest.dependencies['@rollcall/runtimes'] = 'workspace:*';
    });
    await rm(join(root, 'generated/gitbook/LICENSE'));
    await writeFile(join(root, 'CHANGELOG.md'), '# Changelog\n\n## 0.0.9\n');
    expect(releaseProblems(root)).toEqual([
      '@rollcall/gitbook-fetch: generated/gitbook/LICENSE is missing or differs from the root LICENSE',
      '@rollcall/client: "private": true',
      '@rollcall/client: depends on @rollcall/runtimes, which is not published',
      'CHANGELOG.md: newest entry is 0.0.9, the release is 0.1.0',
    ]);
  });
});
