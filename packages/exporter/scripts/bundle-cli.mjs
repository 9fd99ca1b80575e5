/**
 * Bundles the built CLI (dist/main.js, what `tsc -b` emits for src/main.ts) and its dependencies
 * into one file, dist/bin.js: the `rollcall` executable. Node 20 loads Effect as hundreds of ES
 * modules in about 0.4 s; from one file the whole CLI starts in about 0.15 s, which a scheduled
 * export or a CI step pays on every run. The library (`@rollcall/exporter`) stays unbundled.
 *
 * Usage: node scripts/bundle-cli.mjs   (from packages/exporter, after `tsc -b`)
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

await build({
  entryPoints: [here('../dist/main.js')],
  outfile: here('../dist/bin.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // CommonJS dependencies call `require` for Node's built-ins; an ES module has none of its own.
  banner: {
    js: "import { createRequire as __rollcallRequire } from 'node:module';\nconst require = __rollcallRequire(import.meta.url);",
  },
  // Loaded only on Node with a proxy variable set (src/internal/proxy-environment.ts): kept out of
  // the file every run parses, resolved from the package's own dependencies.
  external: ['undici'],
  legalComments: 'none',
  logLevel: 'warning',
});
