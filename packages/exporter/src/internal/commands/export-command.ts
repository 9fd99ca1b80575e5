/** `rollcall export`. */
import * as Command from '@effect/cli/Command';
import * as Options from '@effect/cli/Options';
import * as FileSystem from '@effect/platform/FileSystem';
import * as Console from 'effect/Console';
import * as Duration from 'effect/Duration';
import * as Effect from 'effect/Effect';
import * as Option from 'effect/Option';
import * as Redacted from 'effect/Redacted';
import { UsageError } from '../../errors.js';
import { runExport } from '../../export.js';
import { layerFromProcess, Reporter } from '../../reporter.js';
import { stopOnSignal } from '../../shutdown.js';
import { findSource, SOURCE_NAMES } from '../../sources/index.js';
import { durationFlag, formatsFlag } from '../cli-args.js';
import { describeFileError } from '../file-error-text.js';
import { sizeHeapForExport } from '../heap-sizing.js';
import { CONCURRENCY, inRange, integerOption, PAGE_SIZE } from '../integer-options.js';
import { readSigningKey } from '../key-files.js';
import { useProxyFromEnvironment } from '../proxy-environment.js';
import { reportFailures } from './reported.js';

const DEFAULT_PAGE_SIZE = 100;
const DEFAULT_CONCURRENCY = 16;
const DEFAULT_TIMEOUT = '30s';
const MAX_TIMEOUT_MS = 10 * 60_000;

/** Reads `--token-file`: the token, surrounding whitespace (a final newline) removed. */
const readTokenFile = (path: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const reporter = yield* Reporter;
    const text = yield* fs
      .readFileString(path)
      .pipe(
        Effect.mapError(
          (error) => new UsageError({ message: `--token-file: cannot read ${path}: ${describeFileError(error)}` }),
        ),
      );
    const token = text.trim();
    if (token === '') return yield* new UsageError({ message: `--token-file: ${path} is empty` });
    const info = yield* fs.stat(path).pipe(Effect.option);
    if (Option.isSome(info) && (info.value.mode & 0o077) !== 0) {
      reporter.log(
        'warn',
        'token-file.permissions',
        `--token-file: ${path} can be read by other users (mode ${(info.value.mode & 0o777).toString(8)}); chmod 600 it`,
      );
    }
    return Redacted.make(token);
  });

const flags = {
  source: Options.text('source').pipe(
    Options.withPseudoName(SOURCE_NAMES.join('|')),
    Options.withDefault('transactionlink'),
    Options.withDescription('The system to snapshot.'),
  ),
  baseUrl: Options.text('base-url').pipe(
    Options.withPseudoName('URL'),
    Options.optional,
    Options.withDescription(
      'API base URL; default TRANSACTIONLINK_BASE_URL, else https://api.transactionlink.io (GitBook: GITBOOK_BASE_URL, else https://api.gitbook.com/v1). https only (http for localhost).',
    ),
  ),
  out: Options.text('out').pipe(
    Options.withPseudoName('DIR'),
    Options.optional,
    Options.withDescription(
      'The snapshot folder to create (it must not exist); default ./rollcall-snapshots/<source>-<UTC yyyymmddThhmmssZ>.',
    ),
  ),
  format: Options.text('format').pipe(
    Options.withPseudoName('csv,json,ndjson'),
    Options.withDefault('csv'),
    Options.withDescription('File formats to write, comma-separated.'),
  ),
  pageSize: integerOption(PAGE_SIZE, DEFAULT_PAGE_SIZE, 'Rows per page to ask for (the API may clamp it).'),
  concurrency: integerOption(
    CONCURRENCY,
    DEFAULT_CONCURRENCY,
    'Requests in flight at most: the ceiling; below it the number in flight follows what the API takes (latency, 429, 503, rate-limit headers).',
  ),
  timeout: Options.text('timeout').pipe(
    Options.withPseudoName('DURATION'),
    Options.withDefault(DEFAULT_TIMEOUT),
    Options.withDescription(
      'How long one HTTP attempt may take before it is aborted and retried: 500ms, 30s (the default), 2m; at most 10m.',
    ),
  ),
  bom: Options.boolean('bom').pipe(
    Options.withDescription('Start CSV files with a UTF-8 byte order mark (for Excel).'),
  ),
  strict: Options.boolean('strict').pipe(
    Options.withDescription(
      "Fail on any deviation from the API's spec. Default: fields the files use are strict, any other deviation (a missing or unknown field, an unknown enum value) is logged and counted in the manifest.",
    ),
  ),
  quiet: Options.boolean('quiet').pipe(Options.withDescription('No progress or log lines on stderr, errors only.')),
  tokenFile: Options.text('token-file').pipe(
    Options.withPseudoName('PATH'),
    Options.optional,
    Options.withDescription(
      'Read the token from this file instead of TRANSACTIONLINK_TOKEN (GitBook: GITBOOK_TOKEN). There is no --token flag.',
    ),
  ),
  signKey: Options.text('sign-key').pipe(
    Options.withPseudoName('FILE'),
    Options.optional,
    Options.withDescription(
      'Sign the manifest with this Ed25519 private key (PKCS#8 PEM, from rollcall keygen or openssl genpkey -algorithm ed25519): writes manifest.json.sig into the snapshot.',
    ),
  ),
};

/** `rollcall export`: prints the snapshot folder's path on stdout. */
export const exportCommand = Command.make('export', flags, (input) =>
  reportFailures(
    Effect.gen(function* () {
      const source = yield* findSource(input.source);
      const formats = yield* formatsFlag(input.format);
      const pageSize = yield* inRange(PAGE_SIZE, input.pageSize);
      const concurrency = yield* inRange(CONCURRENCY, input.concurrency);
      const timeoutMs = yield* durationFlag('--timeout', input.timeout, 1, MAX_TIMEOUT_MS);
      const token = Option.isSome(input.tokenFile) ? yield* readTokenFile(input.tokenFile.value) : undefined;
      const signingKey = Option.isSome(input.signKey)
        ? yield* readSigningKey('--sign-key', input.signKey.value)
        : undefined;
      yield* useProxyFromEnvironment();
      sizeHeapForExport();
      const result = yield* stopOnSignal(
        runExport({
          source,
          out: Option.getOrUndefined(input.out),
          formats,
          pageSize,
          concurrency,
          timeout: Duration.millis(timeoutMs),
          bom: input.bom,
          strict: input.strict,
          baseUrl: Option.getOrUndefined(input.baseUrl),
          token,
          tokenSource: '--token-file',
          signingKey,
        }),
      );
      yield* Console.log(result.path);
    }),
  ).pipe(Effect.provide(layerFromProcess({ quiet: input.quiet }))),
).pipe(
  Command.withDescription(
    'Snapshot who has access to what. TransactionLink: users, roles, workspaces, workspace roles and memberships, enrollments; token from TRANSACTIONLINK_TOKEN or --token-file. GitBook (--source gitbook): members and invite links of GITBOOK_ORGANIZATION_ID; token from GITBOOK_TOKEN or --token-file. Prints the snapshot folder.',
  ),
);
