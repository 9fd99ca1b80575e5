/**
 * Help that reads like a real CLI's: each page's usage line starts with `rollcall <command>`,
 * integer flags say they are integers, every page ends with examples; a flag value that is not
 * a whole number exits 2 naming the flag.
 */
import { describe, expect, it } from 'vitest';
import { describeRun, logLines, rollcall } from './support.js';

const INTEGER_FLAGS: Readonly<Record<string, ReadonlyArray<string>>> = {
  export: ['--page-size', '--concurrency'],
  verify: [],
  diff: [],
  review: ['--idle-days', '--pending-days'],
  sandbox: ['--port', '--users'],
  keygen: [],
};

/** The lines of one section of a help page (between its heading and the next heading). */
const section = (help: string, heading: string): string[] => {
  const lines = help.split('\n');
  const start = lines.indexOf(heading);
  if (start === -1) return [];
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => /^[A-Z][A-Z ]+$/.test(line));
  return (end === -1 ? rest : rest.slice(0, end)).filter((line) => line.trim() !== '');
};

/** The text of one option's entry in a help page, up to the next option. */
const optionEntry = (help: string, flag: string): string => {
  const lines = section(help, 'OPTIONS');
  const start = lines.findIndex((line) => line.startsWith(`${flag} `) || line === flag);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => !line.startsWith(' '));
  return start === -1 ? '' : (end === -1 ? rest : rest.slice(0, end)).join('\n');
};

describe('help pages', () => {
  it.each(Object.keys(INTEGER_FLAGS))(
    'rollcall %s --help: rollcall usage, integer flags, examples',
    async (command) => {
      const result = await rollcall([command, '--help']);
      expect(result.code, describeRun(result)).toBe(0);
      const usage = section(result.stdout, 'USAGE');
      expect(usage.length, result.stdout).toBeGreaterThan(0);
      for (const line of usage) expect(line).toMatch(new RegExp(`^\\$ rollcall ${command}( |$)`));
      for (const flag of INTEGER_FLAGS[command] ?? []) {
        const entry = optionEntry(result.stdout, flag);
        expect(entry, `${flag} in ${command} --help`).toContain('An integer.');
        expect(entry).not.toContain('A user-defined piece of text');
        expect(entry).toMatch(/From \d+ to \d+/);
      }
      const examples = section(result.stdout, 'EXAMPLES');
      expect(examples.length, result.stdout).toBeGreaterThanOrEqual(1);
      expect(examples.length).toBeLessThanOrEqual(3);
      for (const example of examples) expect(example).toMatch(new RegExp(`^\\$ (.* )?rollcall ${command} `));
    },
  );

  it('rollcall --help: usage `rollcall`, every command listed, examples', async () => {
    const result = await rollcall(['--help']);
    expect(result.code, describeRun(result)).toBe(0);
    expect(section(result.stdout, 'USAGE')).toEqual(['$ rollcall']);
    for (const command of Object.keys(INTEGER_FLAGS)) expect(result.stdout).toContain(`- ${command} `);
    expect(section(result.stdout, 'EXAMPLES')[0]).toMatch(/^\$ rollcall /);
  });
});

describe('integer flags', () => {
  it('a value that is not a whole number in range exits 2 naming the flag', async () => {
    const cases: ReadonlyArray<[ReadonlyArray<string>, RegExp]> = [
      [['export', '--page-size', 'abc'], /--page-size: expected a whole number from 1 to 1000, got "abc"/],
      [['export', '--concurrency=1.5'], /--concurrency: expected a whole number from 1 to 64, got "1.5"/],
      [['export', '--page-size', '1001'], /--page-size: expected a whole number from 1 to 1000, got "1001"/],
      [['sandbox', '--port', 'http'], /--port: expected a whole number from 0 to 65535, got "http"/],
      [['sandbox', '--users', '-3'], /--users: expected a whole number from 0 to 1000000, got "-3"/],
    ];
    const results = await Promise.all(cases.map(([args]) => rollcall(args)));
    cases.forEach(([args, message], index) => {
      const result = results[index]!;
      expect(result.code, `${args.join(' ')}\n${describeRun(result)}`).toBe(2);
      expect(logLines(result).map((line) => line.message)).toEqual([expect.stringMatching(message)]);
      expect(result.stdout).toBe('');
    });
  });
});
