/** `pnpm pack` of the workspace's packages, as both packaging suites use it. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const release = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

/** The package name in `dir`'s package.json. */
export const packageName = (dir: string): string =>
  (JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { name: string }).name;

/** Where `pnpm pack --pack-destination out` puts the tarball of the package in `dir`. */
export const tarballPath = (dir: string, out: string): string =>
  join(out, `${packageName(dir).replace('@', '').replace('/', '-')}-${release}.tgz`);

// pnpm runs the suite (`pnpm test`) and says where it is; pnpm on PATH otherwise.
const pnpm = (args: string[], cwd: string): string => {
  const execPath = process.env.npm_execpath;
  return execPath?.includes('pnpm')
    ? execFileSync(process.execPath, [execPath, ...args], { cwd, encoding: 'utf8' })
    : execFileSync('pnpm', args, { cwd, encoding: 'utf8' });
};

/** Packs each package folder (relative to the root) into `out`. */
export const packInto = (dirs: ReadonlyArray<string>, out: string): void => {
  for (const dir of dirs) pnpm(['pack', '--pack-destination', out], join(root, dir));
};
