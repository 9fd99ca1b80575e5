import { describe, expect, it } from 'vitest';
import { makeReporter, type ReporterOptions } from '../src/reporter.js';

const capture = (options: Omit<ReporterOptions, 'write' | 'now'>) => {
  const output: Array<string> = [];
  let clock = 1_000;
  const reporter = makeReporter({
    ...options,
    write: (text) => output.push(text),
    now: () => clock,
    columns: () => 200,
  });
  return { reporter, output, tick: (ms: number) => void (clock += ms) };
};

describe('reporter', () => {
  it('writes JSON lines off a terminal, progress at most every five seconds per entity', () => {
    const { reporter, output, tick } = capture({ mode: 'json', quiet: false });
    reporter.page('users', 100, 20);
    tick(1_000);
    reporter.page('users', 100, 20);
    expect(output).toEqual([]);
    tick(5_000);
    reporter.page('users', 100, 20);
    reporter.fetched('users');
    reporter.retry({ method: 'GET', path: '/organizations/users', attempt: 1, delayMs: 250, reason: '503' });
    const lines = output.map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.level, line.event])).toEqual([
      ['info', 'fetch.progress'],
      ['info', 'fetch.done'],
      ['warn', 'request.retry'],
    ]);
    expect(lines[0]).toMatchObject({ entity: 'users', rows: 300, pages: 3, totalPages: 20, rowsPerSecond: 50 });
    expect(output.every((line) => line.endsWith('\n') && !line.slice(0, -1).includes('\n'))).toBe(true);
  });

  it('keeps errors only when quiet', () => {
    const { reporter, output } = capture({ mode: 'json', quiet: true });
    reporter.log('info', 'x', 'info');
    reporter.log('warn', 'x', 'warning');
    reporter.page('users', 1);
    reporter.fetched('users');
    reporter.log('error', 'error', 'boom');
    expect(output.map((line) => JSON.parse(line).message)).toEqual(['boom']);
  });

  it('draws a status line on a terminal and clears it before a message', () => {
    const { reporter, output, tick } = capture({ mode: 'tty', quiet: false });
    reporter.page('users', 100, 4);
    tick(500);
    reporter.page('users', 100, 4);
    expect(output.join('')).toContain('fetching: users 200 rows, 2/4 pages');
    output.length = 0;
    reporter.log('warn', 'x', 'careful');
    expect(output[0]).toBe('\r\u001b[2K');
    expect(output).toContain('warning: careful\n');
  });
});
