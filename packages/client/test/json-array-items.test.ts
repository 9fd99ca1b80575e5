import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonArrayItems } from '../src/core/internal/json-array-items.js';

/** Every item of `chunks` read one after the other, then the end checked. */
const readAll = (chunks: ReadonlyArray<string>): Array<unknown> => {
  const reader = new JsonArrayItems();
  const items = chunks.flatMap((chunk) => reader.push(chunk));
  reader.end();
  return items;
};

/** `text` cut at `cuts` (positions, any order). */
const split = (text: string, cuts: ReadonlyArray<number>): Array<string> => {
  const at = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  return [0, ...at].map((start, i) => text.slice(start, at[i] ?? text.length));
};

describe('JsonArrayItems', () => {
  it('gives the items JSON.parse gives, however the text is cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue()),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.boolean(),
        (values, cuts, pretty) => {
          const text = pretty ? JSON.stringify(values, null, 2) : JSON.stringify(values);
          expect(readAll(split(text, cuts))).toEqual(JSON.parse(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps strings with brackets, commas, quotes and escapes whole', () => {
    const text = '[{"a":"x],{\\"y,"}, "\\\\", "]" ,[1,[2]]]';
    expect(readAll(split(text, [3, 9, 10, 17, 25]))).toEqual(JSON.parse(text));
  });

  it('reads escapes cut from what they escape: the text cut at every position, and at every two', () => {
    const text = JSON.stringify([{ a: 'q"x\\', b: ['\\"', '"'] }, '\\', '\\\\"', { c: '\u00e9]' }]);
    const expected = JSON.parse(text);
    for (let cut = 0; cut <= text.length; cut++) {
      expect(readAll(split(text, [cut])), `cut at ${cut}`).toEqual(expected);
      for (let second = cut + 1; second <= text.length; second++)
        expect(readAll(split(text, [cut, second])), `cut at ${cut} and ${second}`).toEqual(expected);
    }
  });

  it('refuses what JSON.parse refuses: a trailing comma, a missing comma, an unclosed array, text after it', () => {
    for (const text of ['[1,]', '[1 2]', '[,1]', '[{"a":1}', '[1] x', '', '[}', '[{"a":1}}]']) {
      expect(() => JSON.parse(text), text).toThrow(SyntaxError);
      expect(() => readAll([text]), text).toThrow(SyntaxError);
    }
  });

  it('refuses a body that is not an array', () => {
    for (const text of ['{"items":[]}', '"[1]"', 'null']) expect(() => readAll([text]), text).toThrow(SyntaxError);
  });

  it('counts the items read', () => {
    const reader = new JsonArrayItems();
    reader.push('[{"id":1},{"id"');
    expect(reader.count).toBe(1);
    reader.push(':2}]');
    expect(reader.count).toBe(2);
  });
});
