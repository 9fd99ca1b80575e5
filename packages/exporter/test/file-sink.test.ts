import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Effect } from 'effect';
import { describe, expect, it } from 'vitest';
import { openFileSink } from '../src/internal/file-sink.js';
import { run, temporaryDir } from './support/run.js';

describe('openFileSink', () => {
  it('writes texts of every size as UTF-8, in order, and reports their size and hash', async () => {
    const path = join(temporaryDir(), 'out.csv');
    // Small texts, texts that straddle the write buffer, one far longer than it, multi-byte
    // characters (2, 3 and 4 bytes) at every position, a lone surrogate.
    const texts = [
      'id,name\r\n',
      ...Array.from({ length: 300 }, (_, i) => `${i},${'Ł€😀'.repeat(i * 37)}\r\n`),
      `big,${'€'.repeat(700_000)}\r\n`,
      'lone \uD800 surrogate\r\n',
      '',
      'end\r\n',
    ];
    const written = await run(
      Effect.scoped(
        Effect.gen(function* () {
          const sink = yield* openFileSink(path);
          for (const text of texts) yield* sink.write(text);
          return yield* sink.close;
        }),
      ),
    );
    const expected = Buffer.from(texts.join(''), 'utf8');
    const bytes = readFileSync(path);
    expect(bytes.equals(expected)).toBe(true);
    expect(written).toEqual({ bytes: expected.length, sha256: createHash('sha256').update(expected).digest('hex') });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});
