import { NodeContext } from '@effect/platform-node';
import { Effect } from 'effect';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../src/cli.js';

/** Runs the CLI in this process; resolves with its exit code and what it wrote. */
const cli = async (argv: ReadonlyArray<string>) => {
  const written = { stdout: '', stderr: '' };
  const capture = (stream: 'stdout' | 'stderr') =>
    vi.spyOn(process[stream], 'write').mockImplementation((chunk: string | Uint8Array) => {
      written[stream] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      return true;
    });
  capture('stdout');
  capture('stderr');
  // @effect/cli prints help through the console.
  vi.spyOn(console, 'log').mockImplementation((...args: Array<unknown>) => {
    written.stdout += `${args.join(' ')}\n`;
  });
  const code = await Effect.runPromise(Effect.provide(run(argv), NodeContext.layer));
  vi.restoreAllMocks();
  return { code, ...written };
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('rollcall export --timeout', () => {
  it('is documented in --help with its form and default', async () => {
    const help = await cli(['export', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--timeout DURATION');
    expect(help.stdout).toMatch(/30s \(the default\)/);
  });

  it('refuses a value that is not a duration with exit 2, naming the flag, before asking for a token', async () => {
    for (const value of ['soon', '0s', '30', '11m']) {
      const result = await cli(['export', '--timeout', value]);
      expect(result.code, value).toBe(2);
      expect(result.stdout, value).toBe('');
      expect(result.stderr, value).toContain(`--timeout: expected a duration`);
      expect(result.stderr, value).toContain(`got \\"${value}\\"`);
    }
  });
});
