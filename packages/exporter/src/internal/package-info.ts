/** The exporter's own name and version, read from its package.json (one source of truth). */
import { existsSync, readFileSync } from 'node:fs';

interface PackageJson {
  readonly name: string;
  readonly version: string;
}

/**
 * The package.json above this module: two levels up from dist/internal/ (the library), one from
 * dist/ (the bundled CLI, where every module shares the bundle's URL).
 */
const readPackageJson = (): PackageJson => {
  for (const candidate of ['../package.json', '../../package.json']) {
    const url = new URL(candidate, import.meta.url);
    if (!existsSync(url)) continue;
    const json = JSON.parse(readFileSync(url, 'utf8')) as PackageJson;
    if (json.name === '@rollcall/exporter') return json;
  }
  throw new Error(`@rollcall/exporter: no package.json found above ${import.meta.url}`);
};

const packageJson = readPackageJson();

/** The tool as recorded in manifests: command name, npm package, version. */
export const tool = { name: 'rollcall', package: packageJson.name, version: packageJson.version } as const;
