import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const packageDir = (name) => dirname(require.resolve(`${name}/package.json`));

/**
 * Absolute paths of the runtime binaries, by runtime name. Deno's and Bun's postinstall scripts
 * (allowed in the root package.json) put the real executables in place.
 */
export const runtimes = {
  node20: process.execPath,
  node24: join(packageDir('node24'), 'bin', 'node'),
  deno: join(packageDir('deno'), process.platform === 'win32' ? 'deno.exe' : 'deno'),
  bun: join(packageDir('bun'), 'bin', 'bun.exe'),
};
