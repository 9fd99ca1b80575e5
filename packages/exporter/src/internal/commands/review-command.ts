/** `rollcall review SNAPSHOT... [--idle-days N] [--pending-days N] [--format html,json,csv] [--public-key FILE] [--out DIR]`. */
import * as Args from '@effect/cli/Args';
import * as Command from '@effect/cli/Command';
import * as Options from '@effect/cli/Options';
import * as Console from 'effect/Console';
import * as Effect from 'effect/Effect';
import * as Option from 'effect/Option';
import { UsageError } from '../../errors.js';
import { layerFromProcess, report } from '../../reporter.js';
import { REVIEW_FORMATS, type ReviewFormat } from '../../review/review-renderers.js';
import { stopOnSignal } from '../../shutdown.js';
import { IDLE_DAYS, inRange, integerOption, PENDING_DAYS } from '../integer-options.js';
import { readVerifyingKey } from '../key-files.js';
import { reportFailures } from './reported.js';
import { requireDirectory } from './require-directory.js';

const reviewFormats = (text: string): Effect.Effect<ReadonlyArray<ReviewFormat>, UsageError> => {
  const names = text
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !(REVIEW_FORMATS as ReadonlyArray<string>).includes(name));
  if (names.length === 0 || unknown.length > 0) {
    const what =
      names.length === 0 ? 'no format given' : `unknown format ${unknown.map((name) => `"${name}"`).join(', ')}`;
    return Effect.fail(
      new UsageError({ message: `--format: ${what}; use ${REVIEW_FORMATS.join(', ')} (comma-separated)` }),
    );
  }
  return Effect.succeed([...new Set(names as Array<ReviewFormat>)]);
};

/** `rollcall review`: the review folder's path on stdout, the findings summary on stderr. */
export const reviewCommand = Command.make(
  'review',
  {
    snapshots: Args.text({ name: 'SNAPSHOT' }).pipe(
      Args.atLeast(1),
      Args.withDescription(
        'Snapshot folders written by rollcall export: TransactionLink, GitBook, or both; several of one source for the privileged count over time.',
      ),
    ),
    idleDays: integerOption(
      IDLE_DAYS,
      90,
      'An account not seen for this many days or more before its snapshot is idle.',
    ),
    pendingDays: integerOption(
      PENDING_DAYS,
      14,
      'An enrollment PENDING this many days or more since its last invitation is flagged.',
    ),
    format: Options.text('format').pipe(
      Options.withPseudoName(REVIEW_FORMATS.join(',')),
      Options.withDefault(REVIEW_FORMATS.join(',')),
      Options.withDescription(
        'Files to write, comma-separated: html (report.html), json (findings.json), csv (worksheet.csv).',
      ),
    ),
    publicKey: Options.text('public-key').pipe(
      Options.withPseudoName('FILE'),
      Options.optional,
      Options.withDescription(
        'Require every snapshot signed, and check each signature with this Ed25519 public key (as verify --public-key); the report names the key.',
      ),
    ),
    out: Options.text('out').pipe(
      Options.withPseudoName('DIR'),
      Options.optional,
      Options.withDescription(
        'The review folder to create (it must not exist); default ./rollcall-reviews/review-<UTC yyyymmddThhmmssZ>.',
      ),
    ),
  },
  (input) =>
    reportFailures(
      Effect.gen(function* () {
        const idleDays = yield* inRange(IDLE_DAYS, input.idleDays);
        const pendingDays = yield* inRange(PENDING_DAYS, input.pendingDays);
        const formats = yield* reviewFormats(input.format);
        for (const snapshot of input.snapshots) yield* requireDirectory('SNAPSHOT', snapshot);
        const publicKey = Option.isSome(input.publicKey)
          ? yield* readVerifyingKey('--public-key', input.publicKey.value)
          : undefined;
        // Loaded on demand: the other commands start faster without the review's modules.
        const [{ runReview, summaryLine }, { defaultReviewPath, writeReviewFolder }] = yield* Effect.promise(() =>
          Promise.all([import('../../review/review.js'), import('../../review/review-folder.js')]),
        );
        const outcome = yield* stopOnSignal(
          runReview({ snapshots: input.snapshots, idleDays, pendingDays, publicKey }),
        ).pipe(
          Effect.tapErrorTag('VerifyFailed', (failed) =>
            Effect.forEach(failed.mismatches, (mismatch) => Console.error(`mismatch: ${mismatch}`)),
          ),
        );
        const target = Option.getOrElse(input.out, () => defaultReviewPath(new Date()));
        const path = yield* stopOnSignal(writeReviewFolder(target, outcome.document, formats));
        for (const warning of outcome.warnings) yield* report('warn', 'review.warning', warning);
        yield* report('info', 'review.done', summaryLine(outcome.document), {
          total: outcome.document.summary.total,
          bySeverity: outcome.document.summary.bySeverity,
          byRule: outcome.document.summary.byRule,
          path,
        });
        yield* Console.log(path);
      }),
    ).pipe(Effect.provide(layerFromProcess({ quiet: false }))),
).pipe(
  Command.withDescription(
    'Access-review findings over snapshots (TransactionLink and GitBook joined by e-mail): terminated users still in workspaces, accounts active in one system only, admin invite links, idle accounts, long-pending enrollments, privileged accounts over time. Each snapshot is verified first (exit 1 if one fails). Writes report.html (self-contained, offline), findings.json and worksheet.csv (keep/revoke/notes for the reviewer) and prints the folder; findings exit 0.',
  ),
);
