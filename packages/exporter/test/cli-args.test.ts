import { Effect, Either } from 'effect';
import { describe, expect, it } from 'vitest';
import { durationFlag, formatsFlag, integerFlag, tokenArgument } from '../src/internal/cli-args.js';

const result = <A>(effect: Effect.Effect<A, { message: string }>) => Effect.runSync(Effect.either(effect));

describe('flag checks', () => {
  it('parse --format lists and name the flag on a bad one', () => {
    expect(result(formatsFlag('csv,JSON, ndjson,csv'))).toEqual(Either.right(['csv', 'json', 'ndjson']));
    const bad = result(formatsFlag('csv,xml'));
    expect(Either.isLeft(bad) && bad.left.message).toMatch(/^--format: unknown format "xml"/);
    expect(Either.isLeft(result(formatsFlag(' , ')))).toBe(true);
  });

  it('accept whole numbers in range only, naming the flag', () => {
    expect(result(integerFlag('--page-size', '50', 1, 1000))).toEqual(Either.right(50));
    for (const text of ['0', '1001', '1.5', '-3', 'abc', '']) {
      const bad = result(integerFlag('--page-size', text, 1, 1000));
      expect(Either.isLeft(bad) && bad.left.message, text).toMatch(/^--page-size: /);
    }
  });

  it('read durations in ms, s or m, whole milliseconds in range only, naming the flag', () => {
    const cases: ReadonlyArray<[string, number]> = [
      ['500ms', 500],
      ['30s', 30_000],
      ['1.5s', 1500],
      [' 2 m ', 120_000],
      ['10m', 600_000],
      ['1ms', 1],
    ];
    for (const [text, ms] of cases)
      expect(result(durationFlag('--timeout', text, 1, 600_000)), text).toEqual(Either.right(ms));
    for (const text of ['0s', '30', 'soon', '-1s', '11m', '0.5ms', '1h', '', '1e3ms']) {
      const bad = result(durationFlag('--timeout', text, 1, 600_000));
      expect(Either.isLeft(bad) && bad.left.message, text).toMatch(/^--timeout: expected a duration/);
    }
  });

  it('spot a token passed on the command line, but not --token-file or anything after --', () => {
    expect(tokenArgument(['export', '--token', 'tot_x'])).toBe('--token');
    expect(tokenArgument(['export', '--token=tot_x'])).toBe('--token');
    expect(tokenArgument(['export', '--token-file', 'f'])).toBeUndefined();
    expect(tokenArgument(['export', '--', '--token'])).toBeUndefined();
  });
});
