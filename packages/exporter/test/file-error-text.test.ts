import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as FileSystem from '@effect/platform/FileSystem';
import { Effect } from 'effect';
import { describe, expect, it } from 'vitest';
import { describeFileError } from '../src/internal/file-error-text.js';
import { runEither, temporaryDir } from './support/run.js';

/** The error Effect's FileSystem fails with for `operation`. */
const failureOf = async (operation: (fs: FileSystem.FileSystem) => Effect.Effect<unknown, unknown>) => {
  const result = await runEither(Effect.flatMap(FileSystem.FileSystem, operation));
  if (result._tag === 'Right') throw new Error('the operation succeeded');
  return result.left;
};

describe('describeFileError', () => {
  it('says in plain words, with the code, what a file system refused', async () => {
    const dir = temporaryDir();
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    expect(describeFileError(await failureOf((fs) => fs.readFileString(join(dir, 'missing'))))).toBe(
      'no such file or folder (ENOENT)',
    );
    expect(describeFileError(await failureOf((fs) => fs.makeDirectory(join(file, 'snapshot'))))).toBe(
      'part of the path is a file, not a folder (ENOTDIR)',
    );
    expect(describeFileError(await failureOf((fs) => fs.readFileString(dir)))).toBe('it is a folder (EISDIR)');
  });

  it('reads the code of a Node error itself', () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(describeFileError(full)).toBe('no space left on the device (ENOSPC)');
  });

  it("keeps an error's own message when its code is not one it knows, or it has none", () => {
    const odd = Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' });
    expect(describeFileError(odd)).toBe('EXDEV: cross-device link not permitted');
    expect(describeFileError(new Error('something else'))).toBe('something else');
    expect(describeFileError('a string')).toBe('a string');
  });
});
