/** `rollcall diff OLD_DIR NEW_DIR [--json]`. */
import * as Args from '@effect/cli/Args';
import * as Command from '@effect/cli/Command';
import * as Options from '@effect/cli/Options';
import * as Console from 'effect/Console';
import * as Effect from 'effect/Effect';
import { layerFromProcess } from '../../reporter.js';
import { stopOnSignal } from '../../shutdown.js';
import { sources } from '../../sources/index.js';
import { reportFailures } from './reported.js';
import { requireDirectory } from './require-directory.js';

/** `rollcall diff`: the changes as text tables, or JSON with `--json`, on stdout. */
export const diffCommand = Command.make(
  'diff',
  {
    oldDir: Args.text({ name: 'OLD_DIR' }).pipe(Args.withDescription('The earlier snapshot folder.')),
    newDir: Args.text({ name: 'NEW_DIR' }).pipe(Args.withDescription('The later snapshot folder.')),
    json: Options.boolean('json').pipe(Options.withDescription('Print the changes as JSON.')),
  },
  ({ oldDir, newDir, json }) =>
    reportFailures(
      Effect.gen(function* () {
        yield* requireDirectory('OLD_DIR', oldDir);
        yield* requireDirectory('NEW_DIR', newDir);
        // Loaded on demand: the other commands start faster without diff's readers and parsers.
        const [{ diffSnapshots }, { formatDiffJson, formatDiffText }] = yield* Effect.promise(() =>
          Promise.all([import('../../diff.js'), import('../../diff-format.js')]),
        );
        const diff = yield* stopOnSignal(diffSnapshots(oldDir, newDir, sources));
        const source = sources.find((candidate) => candidate.name === diff.source)!;
        yield* Console.log((json ? formatDiffJson(diff) : formatDiffText(diff, source)).trimEnd());
      }),
    ).pipe(Effect.provide(layerFromProcess({ quiet: false }))),
).pipe(
  Command.withDescription(
    'What changed between two snapshots of the same source: users added, removed, changing role or status; enrollments added or changing status; membership changes.',
  ),
);
