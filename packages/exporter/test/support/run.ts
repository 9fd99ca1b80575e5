import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeContext } from '@effect/platform-node';
import { Effect, Layer } from 'effect';
import { afterEach } from 'vitest';
import { layerSilent, type Reporter } from '../../src/reporter.js';

type Platform = NodeContext.NodeContext | Reporter;

/** Runs an effect with Node's platform and a silent reporter; resolves with its Exit-free result or rejects. */
export const run = <A, E>(effect: Effect.Effect<A, E, Platform>): Promise<A> =>
  Effect.runPromise(Effect.provide(effect, Layer.merge(NodeContext.layer, layerSilent)));

/** Runs an effect and resolves with its Either, for asserting failures. */
export const runEither = <A, E>(effect: Effect.Effect<A, E, Platform>) => run(Effect.either(effect));

const made: Array<string> = [];

/** A fresh temporary folder, removed after the test. */
export const temporaryDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-exporter-test-'));
  made.push(dir);
  return dir;
};

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});
