/**
 * `pnpm demo`: the whole exporter, offline and without credentials. Starts the sandbox in this
 * process, exports its TransactionLink and its GitBook organization in every format into
 * ./rollcall-snapshots/, verifies both snapshots, prints rows per entity and where the files are, then
 * reviews the two snapshots into ./rollcall-reviews/ and prints the findings and where the report is.
 */
import * as NodeContext from '@effect/platform-node/NodeContext';
import { startSandbox } from '@rollcall/sandbox';
import * as Console from 'effect/Console';
import * as Effect from 'effect/Effect';
import * as Redacted from 'effect/Redacted';
import { exitCodeFor, VerifyFailed } from './errors.js';
import { runExport } from './export.js';
import { FORMATS } from './format.js';
import { runMain } from './internal/run-main.js';
import { layerFromProcess, Reporter } from './reporter.js';
import { runReview, summaryLine } from './review/review.js';
import { defaultReviewPath, writeReviewFolder } from './review/review-folder.js';
import { REVIEW_FORMATS } from './review/review-renderers.js';
import { stopOnSignal } from './shutdown.js';
import type { Source } from './source.js';
import { makeGitBookSource } from './sources/gitbook.js';
import { transactionLinkSource } from './sources/transactionlink.js';
import { verifySnapshot } from './verify.js';

const SEED = 'rollcall';
/** The sandbox's access-review scenario: both organizations hold each kind of finding this many times. */
const FINDINGS_EACH = 3;

/** Exports `source` from `api` in every format, verifies the snapshot, and returns its summary lines. */
const exportAndVerify = (source: Source, api: { readonly url: string; readonly token: string }, what: string) =>
  Effect.gen(function* () {
    const { path, manifest } = yield* runExport({
      source,
      formats: FORMATS,
      pageSize: 100,
      concurrency: 4,
      bom: false,
      baseUrl: api.url,
      token: Redacted.make(api.token),
      tokenSource: 'the in-process sandbox',
    });
    const report = yield* verifySnapshot(path);
    if (report.mismatches.length > 0) return yield* new VerifyFailed({ dir: path, mismatches: report.mismatches });

    const entities = source.entities.map((entity) => {
      const files = manifest.files.filter((file) => file.entity === entity.name);
      return [entity.name, String(files[0]?.rows ?? 0), files.map((file) => file.name).join(', ')] as const;
    });
    const width = (i: 0 | 1, title: string) => Math.max(title.length, ...entities.map((row) => row[i].length));
    const [nameWidth, rowsWidth] = [width(0, 'ENTITY'), width(1, 'ROWS')];
    const line = (name: string, rows: string, files: string) =>
      `  ${name.padEnd(nameWidth)}  ${rows.padStart(rowsWidth)}  ${files}`;
    const neutralised = Object.values(manifest.csv?.neutralisedCells ?? {}).reduce((a, b) => a + b, 0);
    return {
      path,
      lines: [
        `${source.system}: ${what}`,
        '',
        line('ENTITY', 'ROWS', 'FILES'),
        ...entities.map(([name, rows, files]) => line(name, rows, files)),
        '',
        `snapshot:  ${path}`,
        `manifest:  ${path}/manifest.json (${manifest.files.length} files, ${manifest.counts.requests} requests, ${manifest.counts.pages} pages)`,
        `verified:  intact; check again with  node packages/exporter/dist/bin.js verify ${path}`,
        `CSV cells neutralised against formula injection: ${neutralised}`,
        '',
      ],
    };
  });

const demo = Effect.gen(function* () {
  const sandbox = yield* Effect.acquireRelease(
    // The sandbox's clock starts now, so the review's idle and pending days mean what they say.
    Effect.promise(() =>
      startSandbox({
        seed: SEED,
        now: new Date().toISOString(),
        accessReview: { findings: FINDINGS_EACH },
      }),
    ),
    (started) => Effect.promise(() => started.close()),
  );
  const transactionLink = yield* exportAndVerify(
    transactionLinkSource,
    sandbox,
    `the sandbox's access-review organization (each kind of finding ${FINDINGS_EACH} times)`,
  );
  const gitBook = yield* exportAndVerify(
    makeGitBookSource({ organizationId: sandbox.gitbook.organizationId }),
    sandbox.gitbook,
    `organization ${sandbox.gitbook.organizationId} (${sandbox.control.gitbook.members().length} members)`,
  );
  yield* Console.log(
    [
      '',
      `rollcall demo: snapshots of the local sandbox (seed "${SEED}"), offline, no credentials`,
      '',
      ...transactionLink.lines,
      ...gitBook.lines,
    ].join('\n'),
  );
  const snapshots = [transactionLink.path, gitBook.path];
  const review = yield* runReview({ snapshots, idleDays: 90, pendingDays: 14 });
  const reviewPath = yield* writeReviewFolder(defaultReviewPath(new Date()), review.document, REVIEW_FORMATS);
  yield* Console.log(
    [
      'access review of both snapshots (rollcall review):',
      '',
      `  ${summaryLine(review.document)}`,
      '',
      `report:     ${reviewPath}/report.html  (open it in a browser; offline, one file)`,
      `findings:   ${reviewPath}/findings.json`,
      `worksheet:  ${reviewPath}/worksheet.csv  (keep / revoke / notes for the reviewer)`,
      '',
    ].join('\n'),
  );
  return 0;
}).pipe(
  Effect.scoped,
  stopOnSignal,
  Effect.catchAll((error) =>
    Effect.flatMap(Reporter, (reporter) => {
      reporter.log('error', 'error', error.message, { error: error._tag });
      return Effect.succeed(exitCodeFor(error));
    }),
  ),
  Effect.provide(layerFromProcess({ quiet: false })),
  Effect.provide(NodeContext.layer),
);

runMain(demo);
