// @ts-check
/**
 * A test harness small enough to run unchanged on Node, Deno and Bun: named checks run one after
 * another, TAP-style output (`1..N`, `ok`/`not ok`), and a non-zero exit code on any failure.
 */
import process from 'node:process';

/** @typedef {{ name: string, run: () => Promise<void> }} Check */

/** @type {Check[]} */
const checks = [];

/**
 * Registers a check.
 * @param {string} name
 * @param {() => Promise<void>} run
 */
export const check = (name, run) => {
  checks.push({ name, run });
};

/** The runtime and its version, e.g. `node 20.19.0`, `deno 2.9.6`, `bun 1.4.5`. */
export const runtimeName = () => {
  const global = /** @type {{ Deno?: { version: { deno: string } }, Bun?: { version: string } }} */ (
    /** @type {unknown} */ (globalThis)
  );
  if (global.Deno) return `deno ${global.Deno.version.deno}`;
  if (global.Bun) return `bun ${global.Bun.version}`;
  return `node ${process.versions.node}`;
};

/**
 * Runs every registered check, prints the outcome of each, and exits non-zero if any failed.
 * @param {() => Promise<void>} [teardown] run after the checks, whatever happened
 */
export const runChecks = async (teardown) => {
  console.log(`# runtime ${runtimeName()}`);
  console.log(`1..${checks.length}`);
  let failed = 0;
  for (const [index, { name, run }] of checks.entries()) {
    const started = performance.now();
    try {
      await run();
      console.log(`ok ${index + 1} - ${name} (${Math.round(performance.now() - started)} ms)`);
    } catch (error) {
      failed += 1;
      console.log(`not ok ${index + 1} - ${name}`);
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.log(text.replace(/^/gm, '  # '));
    }
  }
  await teardown?.();
  console.log(`# ${checks.length - failed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
};
