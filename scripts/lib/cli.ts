import { type ParseArgsConfig, parseArgs } from 'node:util';
import { SpecError } from './openapi.js';

export class UsageError extends Error {}

/** Parses argv strictly; an unknown flag or a missing value is a usage error naming it. */
export function parseCli<T extends ParseArgsConfig>(config: T) {
  try {
    return parseArgs({ ...config, args: config.args ?? process.argv.slice(2), strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * Runs a script's main function with the exit codes every script shares: 0 done, 1 a spec or
 * check failed (the message says where), 2 usage. `main` may resolve to an exit code.
 */
export function runScript(name: string, usage: string, main: () => Promise<unknown>): void {
  main().then(
    (code) => {
      process.exitCode = typeof code === 'number' ? code : 0;
    },
    (error: unknown) => {
      if (error instanceof UsageError) {
        process.stderr.write(`${name}: ${error.message}\n\n${usage}`);
        process.exitCode = 2;
      } else if (error instanceof SpecError) {
        process.stderr.write(`${name}: ${error.message}\n`);
        process.exitCode = 1;
      } else {
        process.stderr.write(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exitCode = 1;
      }
    },
  );
}
