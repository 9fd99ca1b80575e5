import * as FileSystem from '@effect/platform/FileSystem';
import * as Effect from 'effect/Effect';
import { UsageError } from '../../errors.js';

/** Fails with a UsageError naming the argument when `path` is not an existing directory. */
export const requireDirectory = (
  argument: string,
  path: string,
): Effect.Effect<void, UsageError, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const info = yield* fs.stat(path).pipe(Effect.option);
    if (info._tag === 'None' || info.value.type !== 'Directory') {
      return yield* new UsageError({ message: `${argument}: ${path} is not a snapshot folder (no such directory)` });
    }
  });
