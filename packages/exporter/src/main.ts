#!/usr/bin/env node
/**
 * The `rollcall` executable, bundled into dist/bin.js by scripts/bundle-cli.mjs (one file
 * starts faster than the hundreds of modules it is made of). Runs under Node, Deno
 * (`deno run -A`) and Bun: Bun gets @effect/platform-bun, everything else the Node layers (Deno
 * runs them through its Node compatibility). Only what the CLI needs is loaded (file system,
 * path, terminal; no command executor or workers).
 */
import * as Layer from 'effect/Layer';

const platformLayer = async () => {
  if ('Bun' in globalThis) {
    const [fileSystem, path, terminal] = await Promise.all([
      import('@effect/platform-bun/BunFileSystem'),
      import('@effect/platform-bun/BunPath'),
      import('@effect/platform-bun/BunTerminal'),
    ]);
    return Layer.mergeAll(fileSystem.layer, path.layer, terminal.layer);
  }
  const [fileSystem, path, terminal] = await Promise.all([
    import('@effect/platform-node/NodeFileSystem'),
    import('@effect/platform-node/NodePath'),
    import('@effect/platform-node/NodeTerminal'),
  ]);
  return Layer.mergeAll(fileSystem.layer, path.layer, terminal.layer);
};

const [platform, { run }, { runMain }, Effect] = await Promise.all([
  platformLayer(),
  import('./cli.js'),
  import('./internal/run-main.js'),
  import('effect/Effect'),
]);

runMain(Effect.provide(run(process.argv.slice(2)), platform));
