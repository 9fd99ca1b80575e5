/** The exporter's own name and version, read from its package.json (one source of truth). */
import { readFileSync } from 'node:fs';

interface PackageJson {
  readonly name: string;
  readonly version: string;
}

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as PackageJson;

/** The tool as recorded in manifests: command name, npm package, version. */
export const tool = { name: 'rollcall', package: packageJson.name, version: packageJson.version } as const;
