#!/usr/bin/env node
/**
 * The `rollcall` executable. Runs under Node, Deno (`deno run -A`) and Bun: Bun gets
 * @effect/platform-bun, everything else the Node layer (Deno runs it through its Node compatibility).
 */
import { Effect } from 'effect';
import { run } from './cli.js';
import { runMain } from './internal/run-main.js';

const platform =
  'Bun' in globalThis
    ? (await import('@effect/platform-bun/BunContext')).layer
    : (await import('@effect/platform-node/NodeContext')).layer;

runMain(Effect.provide(run(process.argv.slice(2)), platform));
