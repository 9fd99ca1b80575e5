/**
 * `rollcall export`, as a library call: fetch every entity of a source, sort each by its key with
 * bounded memory, join, write every requested format, and publish the snapshot folder with its
 * manifest atomically. Fail-closed: any entity that cannot be fetched completely fails the run
 * and leaves nothing at the target path.
 *
 * @module
 */
import * as FileSystem from '@effect/platform/FileSystem';
import * as Path from '@effect/platform/Path';
import * as Deferred from 'effect/Deferred';
import type * as Duration from 'effect/Duration';
import * as Effect from 'effect/Effect';
import type * as Redacted from 'effect/Redacted';
import * as Stream from 'effect/Stream';
import type { EntityDefinition, Row } from './entity.js';
import {
  EntityDrift,
  type SnapshotExists,
  SnapshotWriteFailure,
  type SourceFailure,
  type UsageError,
} from './errors.js';
import { CSV_DIALECT, type Format, fileName } from './format.js';
import { DeviationTally, describeDeviation } from './internal/deviation-tally.js';
import { makeEncoder } from './internal/encoders.js';
import { describeFileError } from './internal/file-error-text.js';
import { openFileSink, writeFailure } from './internal/file-sink.js';
import { MemoryBudget } from './internal/memory-budget.js';
import { currentOperator, tokenFingerprint } from './internal/operator.js';
import { tool } from './internal/package-info.js';
import { ensureAbsent, writeSnapshotFolder } from './internal/snapshot-folder.js';
import { SpillTable } from './internal/spill-table.js';
import { utcStamp } from './internal/utc-stamp.js';
import { encodeManifest, MANIFEST_FILE, type Manifest, type ManifestFile } from './manifest.js';
import { Reporter } from './reporter.js';
import { encodeSignature, SIGNATURE_ALGORITHM, SIGNATURE_FILE, type SigningKey, signManifest } from './signing.js';
import type { Connection, FetchObserver, FlightStats, Lookup, Source } from './source.js';

/** What to export and how. */
export interface ExportOptions {
  readonly source: Source;
  /** The snapshot folder to create; it must not exist. Default {@link defaultSnapshotPath}. */
  readonly out?: string | undefined;
  /** At least one; files are written in {@link FORMATS} order whatever the order here. */
  readonly formats: ReadonlyArray<Format>;
  readonly pageSize: number;
  /** Requests in flight at most. */
  readonly concurrency: number;
  /** How long one HTTP attempt may take before it is aborted (and retried); default 30 seconds. */
  readonly timeout?: Duration.DurationInput | undefined;
  /** Start CSV files with a UTF-8 byte order mark. */
  readonly bom: boolean;
  /** Over the source's environment variable and default. */
  readonly baseUrl?: string | undefined;
  /** Over the source's environment variable (the CLI passes `--token-file`'s content). */
  readonly token?: Redacted.Redacted<string> | undefined;
  /** Where `token` came from, recorded in the manifest; default `token option`. */
  readonly tokenSource?: string | undefined;
  /**
   * Bytes of rows (estimated) held in memory for sorting, over every entity; past it, rows are
   * sorted through a work file. Default {@link DEFAULT_MEMORY_BUDGET}. The output is the same.
   */
  readonly memoryBudget?: number | undefined;
  /**
   * Any deviation from the API's spec fails the run (`--strict`). By default each entity is read
   * strictly on the fields its files use and tolerantly on the rest; the deviations tolerated are
   * logged once per path and counted in the manifest.
   */
  readonly strict?: boolean | undefined;
  /**
   * Sign the manifest (`--sign-key`): `manifest.json.sig` is written into the snapshot folder
   * before it is published, and the manifest records the key's id.
   */
  readonly signingKey?: SigningKey | undefined;
}

/**
 * Default `memoryBudget`: 16 MiB, about 45 000 TransactionLink users' rows. An export of 20 000
 * users (with their memberships and enrollments) sorts in memory; a larger one sorts on disk.
 */
export const DEFAULT_MEMORY_BUDGET = 16 * 1024 * 1024;

/** A published snapshot. */
export interface ExportResult {
  /** Absolute path of the snapshot folder. */
  readonly path: string;
  readonly manifest: Manifest;
}

/** Everything an export can fail with. */
export type ExportError = UsageError | SnapshotExists | SourceFailure | EntityDrift | SnapshotWriteFailure;

/**
 * Rows encoded and written at a time. Each batch becomes one string per format, about 30 000
 * characters of users' CSV at 128 rows: small enough to be allocated young and die young. At 512
 * rows it passed 100 000 characters and went to V8's large-object space, which only a full
 * collection empties; at 200 000 users that cost about 10 MB of peak memory on Node 20 and 20 MB
 * on Node 24.
 */
const BATCH = 128;
const WORK_DIR = '.work';

/** `./rollcall-snapshots/<source>-<UTC yyyymmddThhmmssZ>`. */
export const defaultSnapshotPath = (source: string, at: Date): string => `rollcall-snapshots/${source}-${utcStamp(at)}`;

const ioFailure = (path: string) => (cause: unknown) =>
  new SnapshotWriteFailure({
    path,
    message: `cannot use ${path}: ${describeFileError(cause)}`,
  });

interface Counts {
  requests: number;
  pages: number;
  retries: number;
  refetches: number;
}

/** Fetches one entity into its table, once more if the data moved under it. */
const fetchEntity = (
  connection: Connection,
  entity: EntityDefinition,
  table: SpillTable,
  spillPath: string,
  counts: Counts,
  deviations: DeviationTally,
): Effect.Effect<void, SourceFailure | EntityDrift | SnapshotWriteFailure, Reporter> =>
  Effect.gen(function* () {
    const reporter = yield* Reporter;
    const fetchOnce = Effect.gen(function* () {
      yield* Effect.try({ try: () => table.reset(), catch: ioFailure(spillPath) });
      yield* Stream.runForEachChunk(connection.rows(entity.name), (chunk) =>
        Effect.try({ try: () => table.append(chunk), catch: ioFailure(spillPath) }),
      );
      const { duplicateKey } = yield* Effect.try({ try: () => table.seal(), catch: ioFailure(spillPath) });
      if (duplicateKey !== undefined) {
        const key = entity.sortKey.map((column, i) => `${column} ${duplicateKey[i]}`).join(', ');
        return yield* new EntityDrift({ entity: entity.name, detail: `the row with ${key} came twice` });
      }
    });
    yield* fetchOnce.pipe(
      Effect.catchTag('EntityDrift', (drift) => {
        counts.refetches++;
        reporter.log('warn', 'fetch.refetch', `${drift.message}; fetching ${entity.name} again`, {
          entity: entity.name,
        });
        reporter.restart(entity.name);
        deviations.reset(entity.name);
        return fetchOnce.pipe(
          Effect.catchTag('EntityDrift', (again) =>
            Effect.fail(
              new EntityDrift({
                entity: entity.name,
                detail: `${again.detail}, and again when fetched a second time; the data is being changed, export later`,
              }),
            ),
          ),
        );
      }),
    );
    reporter.fetched(entity.name);
  });

/** Writes one entity's files from its sorted table; returns their manifest entries and neutralised cells. */
const writeEntity = (
  dir: string,
  entity: EntityDefinition,
  table: SpillTable,
  options: ExportOptions,
  complete: (row: Row) => Row,
): Effect.Effect<
  ReadonlyArray<{ readonly file: ManifestFile; readonly neutralised: number }>,
  SnapshotWriteFailure,
  FileSystem.FileSystem | Path.Path
> =>
  Effect.scoped(
    Effect.gen(function* () {
      const path = yield* Path.Path;
      const outputs = yield* Effect.forEach(options.formats, (format) =>
        Effect.map(openFileSink(path.join(dir, fileName(entity.name, format))), (sink) => ({
          format,
          sink,
          encoder: makeEncoder(format, entity, { bom: options.bom }),
        })),
      );
      const batches = table.sorted(BATCH);
      let rows = 0;
      while (true) {
        const next = yield* Effect.try({ try: () => batches.next(), catch: ioFailure(dir) });
        if (next.done) break;
        const completed = next.value.map(complete);
        rows += completed.length;
        for (const { sink, encoder } of outputs) yield* sink.write(encoder.encode(completed));
      }
      return yield* Effect.forEach(outputs, ({ format, sink, encoder }) =>
        Effect.gen(function* () {
          const name = fileName(entity.name, format);
          const rest = yield* Effect.tryPromise({ try: encoder.finish, catch: ioFailure(path.join(dir, name)) });
          yield* sink.write(rest);
          const written = yield* sink.close;
          return {
            file: { name, entity: entity.name, format, rows, bytes: written.bytes, sha256: written.sha256 },
            neutralised: encoder.neutralisedCells(),
          };
        }),
      );
    }),
  );

/** Writes a small new file whole (mode 0600, fsynced). */
const writeTextFile = (file: string, text: string) =>
  Effect.scoped(
    Effect.gen(function* () {
      const sink = yield* openFileSink(file);
      yield* sink.write(text);
      yield* sink.close;
    }),
  );

/** What writing every entity produced, for the manifest. */
interface Written {
  readonly files: ReadonlyArray<ManifestFile>;
  readonly neutralisedCells: Readonly<Record<string, number>>;
  /** Rows whose join found nothing, as sentences. */
  readonly joinWarnings: ReadonlyArray<string>;
}

/** The entities whose rows `complete` looks up when it completes `entity`'s rows. */
const joinedEntities = (source: Source, entity: EntityDefinition): ReadonlyArray<string> => {
  if (source.complete === undefined) return [];
  if (source.joins === undefined) return source.entities.map(({ name }) => name).filter((name) => name !== entity.name);
  return source.joins[entity.name] ?? [];
};

/**
 * Fetches every entity into a spill table, all concurrently, and writes each entity's files from
 * its sorted table as soon as it and the entities it joins are fetched, while the others are still
 * being fetched. The tables are closed when this returns.
 */
const fetchAndWrite = (
  connection: Connection,
  options: ExportOptions & { readonly formats: ReadonlyArray<Format> },
  dir: string,
  workDir: string,
  counts: Counts,
  deviations: DeviationTally,
): Effect.Effect<
  Written,
  SourceFailure | EntityDrift | SnapshotWriteFailure,
  FileSystem.FileSystem | Path.Path | Reporter
> =>
  Effect.scoped(
    Effect.gen(function* () {
      const path = yield* Path.Path;
      const reporter = yield* Reporter;
      const { source } = options;
      const spillPath = (entity: EntityDefinition) => path.join(workDir, `${entity.name}.ndjson`);
      const budget = new MemoryBudget(options.memoryBudget ?? DEFAULT_MEMORY_BUDGET);
      const tables = new Map<string, SpillTable>();
      const fetched = new Map<string, Deferred.Deferred<void>>();
      for (const entity of source.entities) {
        const table = yield* Effect.acquireRelease(
          Effect.try({
            try: () => SpillTable.create(spillPath(entity), entity, budget),
            catch: ioFailure(spillPath(entity)),
          }),
          (opened) => Effect.sync(() => opened.close()),
        );
        tables.set(entity.name, table);
        fetched.set(entity.name, yield* Deferred.make<void>());
      }

      const misses = new Map<string, Map<string, number>>();
      const lookupFrom =
        (from: string): Lookup =>
        (to, key) => {
          const row = tables.get(to)?.lookup(key);
          if (row === undefined) {
            const byTarget = misses.get(from) ?? new Map<string, number>();
            byTarget.set(to, (byTarget.get(to) ?? 0) + 1);
            misses.set(from, byTarget);
          }
          return row;
        };

      const written = yield* Effect.forEach(
        source.entities,
        (entity) =>
          Effect.gen(function* () {
            const table = tables.get(entity.name)!;
            yield* fetchEntity(connection, entity, table, spillPath(entity), counts, deviations);
            yield* Deferred.succeed(fetched.get(entity.name)!, undefined);
            for (const joined of joinedEntities(source, entity)) {
              const ready = fetched.get(joined);
              if (ready === undefined) throw new Error(`${source.name}: ${entity.name} joins ${joined}, not an entity`);
              yield* Deferred.await(ready);
            }
            const lookup = lookupFrom(entity.name);
            const complete = source.complete;
            const outputs = yield* writeEntity(
              dir,
              entity,
              table,
              options,
              complete === undefined ? (row) => row : (row) => complete(entity.name, row, lookup),
            );
            const rows = outputs[0]?.file.rows ?? 0;
            const names = outputs.map(({ file }) => file.name);
            reporter.log('info', 'write.done', `${entity.name}: ${rows} rows written to ${names.join(', ')}`, {
              entity: entity.name,
              rows,
              files: names,
            });
            return outputs;
          }),
        { concurrency: 'unbounded' },
      );

      const files = written.flat().map(({ file }) => file);
      const neutralisedCells: Record<string, number> = {};
      for (const { file, neutralised } of written.flat()) {
        if (file.format === 'csv') neutralisedCells[file.name] = neutralised;
      }
      // In the entities' order, whichever was written first: the manifest is the same every time.
      const joinWarnings = source.entities.flatMap(({ name: from }) =>
        [...(misses.get(from) ?? [])].map(
          ([to, count]) =>
            `${count} ${from} row${count === 1 ? '' : 's'} refer to ${to} absent from the snapshot; their joined columns are empty`,
        ),
      );
      files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      return { files, neutralisedCells, joinWarnings };
    }),
  );

/** One figure for a connection's limiters (a source has one; several add up). */
const combinedFlights = (all: ReadonlyArray<FlightStats>): FlightStats =>
  all.reduce((sum, stats) => ({
    ceiling: sum.ceiling + stats.ceiling,
    peakInFlight: sum.peakInFlight + stats.peakInFlight,
    meanInFlight: sum.meanInFlight + stats.meanInFlight,
    rateLimited: sum.rateLimited + stats.rateLimited,
    unavailable: sum.unavailable + stats.unavailable,
  }));

/**
 * Takes a snapshot of `options.source` into a new folder. Needs a `Reporter` for progress and a
 * platform's `FileSystem` and `Path`.
 */
export const runExport = (
  options: ExportOptions,
): Effect.Effect<ExportResult, ExportError, FileSystem.FileSystem | Path.Path | Reporter> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem;
    const path = yield* Path.Path;
    const reporter = yield* Reporter;
    const { source } = options;
    const startedAt = new Date();
    const target = path.resolve(options.out ?? defaultSnapshotPath(source.name, startedAt));
    // Refuse before connecting, so a wrong --out costs nothing; checked again before the rename.
    yield* ensureAbsent(target);
    const formats = [...new Set(options.formats)].sort();
    const counts: Counts = { requests: 0, pages: 0, retries: 0, refetches: 0 };
    const sourceWarnings = new Set<string>();
    const flights: Array<() => FlightStats> = [];
    const deviations = new DeviationTally((deviation) =>
      reporter.log(
        'warn',
        'source.deviation',
        `${describeDeviation(deviation)} (differs from the API's spec where the snapshot does not rely on it; counted in the manifest)`,
        { entity: deviation.entity, path: deviation.path, kind: deviation.kind, value: deviation.value },
      ),
    );
    const observer: FetchObserver = {
      request: () => void counts.requests++,
      retry: (event) => {
        counts.retries++;
        reporter.retry(event);
      },
      page: (entity, rows, totalPages) => {
        counts.pages++;
        reporter.page(entity, rows, totalPages);
      },
      warn: (message) => {
        if (sourceWarnings.has(message)) return;
        sourceWarnings.add(message);
        reporter.log('warn', 'source.warning', message);
      },
      rateLimitWait: (event) =>
        reporter.log(
          'info',
          'request.rate-limit-wait',
          `${event.method} ${event.path}: the API's rate limit is spent; waiting ${event.delayMs} ms`,
          { method: event.method, path: event.path, attempt: event.attempt, delayMs: event.delayMs },
        ),
      deviations: (entity, found) => deviations.add(entity, found),
      flights: (stats) => flights.push(stats),
    };

    return yield* Effect.scoped(
      Effect.gen(function* () {
        const connection = yield* source.connect({
          baseUrl: options.baseUrl,
          token: options.token,
          tokenSource: options.token === undefined ? undefined : (options.tokenSource ?? 'token option'),
          pageSize: options.pageSize,
          concurrency: options.concurrency,
          timeout: options.timeout,
          strict: options.strict === true,
          observer,
        });
        reporter.log('info', 'export.start', `exporting ${source.system} from ${connection.baseUrl} to ${target}`, {
          source: source.name,
          baseUrl: connection.baseUrl,
          out: target,
        });

        const build = (dir: string) =>
          Effect.gen(function* () {
            const workDir = path.join(dir, WORK_DIR);
            yield* fs.makeDirectory(workDir, { mode: 0o700 }).pipe(Effect.mapError(writeFailure(workDir)));
            const written = yield* fetchAndWrite(connection, { ...options, formats }, dir, workDir, counts, deviations);
            const counted = deviations.counted(source.entities.map(({ name }) => name));
            yield* fs.remove(workDir, { recursive: true }).pipe(Effect.mapError(writeFailure(workDir)));
            for (const warning of written.joinWarnings) reporter.log('warn', 'join.missing', warning);

            const manifest: Manifest = {
              manifestVersion: 1,
              tool,
              source: {
                name: source.name,
                system: source.system,
                baseUrl: connection.baseUrl,
                apiVersion: source.apiVersion,
              },
              startedAt: startedAt.toISOString(),
              finishedAt: new Date().toISOString(),
              operator: currentOperator(),
              tokenFingerprint: tokenFingerprint(connection.token),
              parameters: {
                formats,
                pageSize: options.pageSize,
                concurrency: options.concurrency,
                bom: options.bom,
                tokenSource: connection.tokenSource,
              },
              files: written.files,
              counts: { ...counts },
              csv: formats.includes('csv')
                ? { ...CSV_DIALECT, bom: options.bom, neutralisedCells: written.neutralisedCells }
                : null,
              warnings: [
                ...sourceWarnings,
                ...written.joinWarnings,
                ...counted.map((deviation) => describeDeviation(deviation, deviation.count)),
              ],
              decoding: options.strict === true ? 'strict' : 'tolerant',
              deviations: counted,
              ...(flights.length === 0 ? {} : { concurrency: combinedFlights(flights.map((stats) => stats())) }),
              ...(options.signingKey === undefined
                ? {}
                : { signature: { algorithm: SIGNATURE_ALGORITHM, keyId: options.signingKey.keyId } }),
            };
            const manifestText = encodeManifest(manifest);
            yield* writeTextFile(path.join(dir, MANIFEST_FILE), manifestText);
            if (options.signingKey !== undefined) {
              const signature = yield* signManifest(options.signingKey, new TextEncoder().encode(manifestText));
              yield* writeTextFile(path.join(dir, SIGNATURE_FILE), encodeSignature(signature));
            }
            return manifest;
          });

        const published = yield* writeSnapshotFolder(target, build);
        reporter.log('info', 'export.done', `snapshot written to ${published.path}`, {
          out: published.path,
          files: published.result.files.length,
          requests: counts.requests,
          pages: counts.pages,
          retries: counts.retries,
        });
        return { path: published.path, manifest: published.result };
      }),
    );
  });
