/** `rollcall verify DIR`. */
import * as Args from '@effect/cli/Args';
import * as Command from '@effect/cli/Command';
import * as Console from 'effect/Console';
import * as Effect from 'effect/Effect';
import { VerifyFailed } from '../../errors.js';
import { layerFromProcess } from '../../reporter.js';
import { stopOnSignal } from '../../shutdown.js';
import { reportFailures } from './reported.js';
import { requireDirectory } from './require-directory.js';

/** `rollcall verify DIR`: `intact: …` on stdout and exit 0, or one `mismatch: …` line each and exit 1. */
export const verifyCommand = Command.make(
  'verify',
  { dir: Args.text({ name: 'DIR' }).pipe(Args.withDescription('A snapshot folder written by rollcall export.')) },
  ({ dir }) =>
    reportFailures(
      Effect.gen(function* () {
        yield* requireDirectory('DIR', dir);
        // Loaded on demand: the other commands start faster without verify's parsers.
        const { verifySnapshot } = yield* Effect.promise(() => import('../../verify.js'));
        const report = yield* stopOnSignal(verifySnapshot(dir));
        if (report.mismatches.length > 0) {
          for (const mismatch of report.mismatches) yield* Console.log(`mismatch: ${mismatch}`);
          return yield* new VerifyFailed({ dir: report.dir, mismatches: report.mismatches });
        }
        const files = report.manifest?.files ?? [];
        const rows = files.reduce((sum, file) => sum + file.rows, 0);
        yield* Console.log(`intact: ${report.dir} (${files.length} files, ${rows} rows, as manifest.json says)`);
      }),
    ).pipe(Effect.provide(layerFromProcess({ quiet: false }))),
).pipe(
  Command.withDescription(
    "Check a snapshot against its manifest: every file's size, SHA-256 and row count; no file missing or added. Exit 0 intact, 1 otherwise.",
  ),
);
