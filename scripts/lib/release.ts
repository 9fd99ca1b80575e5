import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './apis.js';

/**
 * The five packages published together, as folders relative to the root. They are released in
 * step: one version for all, and each depends on the others at exactly that version (`workspace:*`
 * in the repository, which pnpm rewrites to the version when it packs).
 */
export const PUBLISHED_PACKAGES = [
  'generated/transactionlink',
  'generated/gitbook',
  'packages/client',
  'packages/sandbox',
  'packages/exporter',
] as const;

/** The version of the release: the root package.json's, which the generator also reads. */
export const releaseVersion = (root = ROOT): string => {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof version !== 'string') throw new Error('the root package.json has no "version"');
  return version;
};

/** Metadata every published package carries; `directory` is the package's folder. */
export const publishMetadata = (directory: string) => ({
  license: 'MIT',
  repository: { type: 'git', url: 'git+https://github.com/rollcall-dev/rollcall.git', directory },
  engines: { node: '>=20.19' },
});

/** Published files: the build, without source maps, whose sources are not shipped. */
export const PUBLISHED_FILES = ['dist', '!dist/**/*.map'] as const;

export const PUBLISH_CONFIG = { access: 'public' } as const;

interface Manifest {
  name?: string;
  version?: string;
  private?: boolean;
  license?: string;
  publishConfig?: { access?: string };
  files?: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const readManifest = (root: string, dir: string): Manifest =>
  JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as Manifest;

const readIfExists = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/** The newest version CHANGELOG.md describes: its first `## x.y.z` heading. */
export const changelogVersion = (root = ROOT): string | undefined =>
  /^## (\S+)/m.exec(readIfExists(join(root, 'CHANGELOG.md')) ?? '')?.[1];

/**
 * Everything that would make the five packages go out of step or unpublishable, one line each:
 * a version other than the release's, a dependency on a sibling at another range, a dependency
 * on an unpublished workspace package, `private`, a missing or different LICENSE, no public
 * access, and a CHANGELOG.md that does not start with the release.
 */
export const releaseProblems = (root = ROOT): string[] => {
  const version = releaseVersion(root);
  const problems: string[] = [];
  const manifests = PUBLISHED_PACKAGES.map((dir) => ({ dir, manifest: readManifest(root, dir) }));
  const published = new Set(manifests.map(({ manifest }) => manifest.name));
  const license = readIfExists(join(root, 'LICENSE'));
  for (const { dir, manifest } of manifests) {
    const name = manifest.name ?? dir;
    if (manifest.version !== version) problems.push(`${name}: version ${manifest.version}, the release is ${version}`);
    if (manifest.private) problems.push(`${name}: "private": true`);
    if (manifest.license !== 'MIT') problems.push(`${name}: license ${manifest.license}, not MIT`);
    if (manifest.publishConfig?.access !== 'public') problems.push(`${name}: publishConfig.access is not "public"`);
    if (!manifest.files?.includes('dist')) problems.push(`${name}: "files" does not list dist`);
    if (license === undefined || readIfExists(join(root, dir, 'LICENSE')) !== license) {
      problems.push(`${name}: ${dir}/LICENSE is missing or differs from the root LICENSE`);
    }
    const deps = { ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies };
    for (const [dep, range] of Object.entries(deps)) {
      if (!dep.startsWith('@rollcall/')) continue;
      if (!published.has(dep)) problems.push(`${name}: depends on ${dep}, which is not published`);
      else if (range !== 'workspace:*' && range !== version) {
        problems.push(`${name}: depends on ${dep}@${range}, not the release (workspace:* or ${version})`);
      }
    }
  }
  const logged = changelogVersion(root);
  if (logged !== version)
    problems.push(`CHANGELOG.md: newest entry is ${logged ?? 'missing'}, the release is ${version}`);
  return problems;
};
