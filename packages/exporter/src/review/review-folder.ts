/**
 * Writes a review's files into a new folder, atomically: a temporary sibling, each file fsynced,
 * renamed into place when complete (the snapshot folder's machinery). An existing path is never
 * overwritten.
 *
 * @module
 */
import type * as FileSystem from '@effect/platform/FileSystem';
import * as Path from '@effect/platform/Path';
import * as Effect from 'effect/Effect';
import type { SnapshotExists, SnapshotWriteFailure } from '../errors.js';
import { openFileSink } from '../internal/file-sink.js';
import { writeSnapshotFolder } from '../internal/snapshot-folder.js';
import { utcStamp } from '../internal/utc-stamp.js';
import type { ReviewDocument } from './review-document.js';
import { REVIEW_RENDERERS, type ReviewFormat } from './review-renderers.js';

/** `rollcall-reviews/review-<UTC yyyymmddThhmmssZ>`. */
export const defaultReviewPath = (at: Date): string => `rollcall-reviews/review-${utcStamp(at)}`;

/** Renders the document in each format into `target`; returns the folder's absolute path. */
export const writeReviewFolder = (
  target: string,
  document: ReviewDocument,
  formats: ReadonlyArray<ReviewFormat>,
): Effect.Effect<string, SnapshotExists | SnapshotWriteFailure, FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function* () {
    const path = yield* Path.Path;
    const rendered = yield* Effect.promise(() =>
      Promise.all(
        formats.map(async (format) => ({
          file: REVIEW_RENDERERS[format].file,
          text: await REVIEW_RENDERERS[format].render(document),
        })),
      ),
    );
    const written = yield* writeSnapshotFolder(target, (temporary) =>
      Effect.forEach(rendered, ({ file, text }) =>
        Effect.scoped(
          Effect.gen(function* () {
            const sink = yield* openFileSink(path.join(temporary, file));
            yield* sink.write(text);
            yield* sink.close;
          }),
        ),
      ),
    );
    return written.path;
  });
