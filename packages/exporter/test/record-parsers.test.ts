import { describe, expect, it } from 'vitest';
import { makeRecordParser } from '../src/internal/record-parsers.js';

const encoder = new TextEncoder();

/** Parses `text` fed as two chunks split at byte `at`. */
const parseSplit = async (format: 'csv' | 'json' | 'ndjson', text: string, at: number) => {
  const bytes = encoder.encode(text);
  const parser = makeRecordParser(format);
  return [...parser.push(bytes.slice(0, at)), ...parser.push(bytes.slice(at)), ...(await parser.end())];
};

const everySplit = async (format: 'csv' | 'json' | 'ndjson', text: string) => {
  const results = [];
  for (let at = 0; at <= encoder.encode(text).length; at++) results.push(await parseSplit(format, text, at));
  return results;
};

const OBJECTS = [
  { id: 'a', text: 'brackets ] } [ { and "quotes" \\ backslash', n: 1 },
  { id: 'b', text: 'émoji 🎉, 日本語', nested: { list: [1, [2]] }, none: null },
];

describe('record parsers', () => {
  it('split a JSON array into its objects wherever the chunks are cut', async () => {
    const text = `[\n${OBJECTS.map((o) => JSON.stringify(o)).join(',\n')}\n]\n`;
    for (const result of await everySplit('json', text)) expect(result).toEqual(OBJECTS);
    expect(await parseSplit('json', '[]\n', 1)).toEqual([]);
    expect(await parseSplit('json', ' [ {"a":1} , {"a":2} ] ', 3)).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('reject what is not a well-formed JSON array of objects', async () => {
    for (const bad of [
      '{"a":1}',
      '[{"a":1},]',
      '[{"a":1}',
      '[{"a":1}] x',
      '[1]',
      '[{"a":1}{"a":2}]',
      '[,{"a":1}]',
      '',
    ]) {
      await expect(parseSplit('json', bad, 2), bad).rejects.toThrow();
    }
  });

  it('read NDJSON line by line wherever the chunks are cut, and want a final newline', async () => {
    const text = `${OBJECTS.map((o) => JSON.stringify(o)).join('\n')}\n`;
    for (const result of await everySplit('ndjson', text)) expect(result).toEqual(OBJECTS);
    await expect(parseSplit('ndjson', '{"a":1}', 3)).rejects.toThrow(/newline/);
    await expect(parseSplit('ndjson', '{"a":1}\n\n', 3)).rejects.toThrow(/line 2/);
  });

  it('read CSV with the header as keys: unquoted empty is null, "" is empty, formula prefixes come off', async () => {
    const text = '\uFEFFid,text,other\r\na,"",\r\nb,"\'=1+2","x,\r\ny"\r\n';
    for (const result of await everySplit('csv', text)) {
      expect(result).toEqual([
        { id: 'a', text: '', other: null },
        { id: 'b', text: '=1+2', other: 'x,\r\ny' },
      ]);
    }
    await expect(parseSplit('csv', 'id,text\r\na\r\n', 3)).rejects.toThrow();
  });
});
