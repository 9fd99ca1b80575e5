import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Reads a JSON file a package exports (`'@scope/pkg/file.json'`). Resolution through
 * `createRequire` and a plain file read work alike on Node 20+, Deno 2 and Bun, without
 * JSON import attributes (experimental, with a warning, on Node 20).
 */
export function loadPackageJson(specifier: string): unknown {
  return JSON.parse(readFileSync(require.resolve(specifier), 'utf8'));
}
