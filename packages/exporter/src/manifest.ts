/**
 * `manifest.json`: what a snapshot is, how it was taken, and the size, row count and SHA-256 of
 * every file, so that `rollcall verify` can prove a snapshot is intact. Written last, after every
 * data file is complete.
 *
 * @module
 */
import * as Schema from 'effect/Schema';
import { FORMATS } from './format.js';

/** The manifest's file name inside a snapshot folder. */
export const MANIFEST_FILE = 'manifest.json';

const Count = Schema.Number.pipe(Schema.int(), Schema.nonNegative());
const Sha256 = Schema.String.pipe(Schema.pattern(/^[0-9a-f]{64}$/));

/** One data file of a snapshot. */
export const ManifestFile = Schema.Struct({
  /** File name inside the snapshot folder, e.g. `users.csv`. */
  name: Schema.String,
  /** Entity the file holds, e.g. `users`. */
  entity: Schema.String,
  format: Schema.Literal(...FORMATS),
  /** Data rows (the CSV header is not a row). */
  rows: Count,
  bytes: Count,
  /** SHA-256 of the file's bytes, lower-case hex. */
  sha256: Sha256,
});
/** One data file of a snapshot. */
export type ManifestFile = typeof ManifestFile.Type;

/** The CSV dialect and what formula neutralisation did, when CSV files were written. */
export const ManifestCsv = Schema.Struct({
  encoding: Schema.String,
  bom: Schema.Boolean,
  delimiter: Schema.String,
  quote: Schema.String,
  recordDelimiter: Schema.String,
  header: Schema.Boolean,
  nullAs: Schema.String,
  emptyStringAs: Schema.String,
  formulaPrefix: Schema.String,
  formulaTriggers: Schema.Array(Schema.String),
  /** String cells given the formula prefix, per CSV file name. */
  neutralisedCells: Schema.Record({ key: Schema.String, value: Count }),
});

/**
 * A deviation from the API's spec that the export tolerated, and how many times it was met:
 * `path` is relative to the entity's item (`space.emoji`), array positions below it as `*`.
 */
export const ManifestDeviation = Schema.Struct({
  entity: Schema.String,
  path: Schema.String,
  kind: Schema.Literal('missing', 'wrong-type', 'invalid', 'unknown-value', 'unknown-field'),
  /** An unknown enum value as received; else the JSON type received, or what the spec asks for. */
  value: Schema.String,
  count: Count,
});

/** How the export's requests in flight went. */
export const ManifestConcurrency = Schema.Struct({
  ceiling: Count,
  peakInFlight: Count,
  meanInFlight: Schema.Number.pipe(Schema.nonNegative()),
  rateLimited: Count,
  unavailable: Count,
});

/** The whole manifest (version 1). */
export const Manifest = Schema.Struct({
  manifestVersion: Schema.Literal(1),
  tool: Schema.Struct({ name: Schema.String, package: Schema.String, version: Schema.String }),
  source: Schema.Struct({
    /** As given to `--source`, e.g. `transactionlink`. */
    name: Schema.String,
    /** e.g. `TransactionLink`. */
    system: Schema.String,
    baseUrl: Schema.String,
    apiVersion: Schema.String,
  }),
  /** ISO-8601 UTC. */
  startedAt: Schema.String,
  /** ISO-8601 UTC, when the last data file was complete. */
  finishedAt: Schema.String,
  operator: Schema.Struct({ user: Schema.NullOr(Schema.String), host: Schema.String }),
  /** First 12 hex digits of the token's SHA-256: which token, never the token. */
  tokenFingerprint: Schema.String.pipe(Schema.pattern(/^[0-9a-f]{12}$/)),
  parameters: Schema.Struct({
    formats: Schema.Array(Schema.Literal(...FORMATS)),
    pageSize: Count,
    concurrency: Count,
    bom: Schema.Boolean,
    /** Where the token came from: an environment variable's name or `--token-file`. */
    tokenSource: Schema.String,
  }),
  /** Sorted by name. */
  files: Schema.Array(ManifestFile),
  counts: Schema.Struct({
    /** HTTP attempts, retries included. */
    requests: Count,
    /** Pages of paged lists plus whole lists received. */
    pages: Count,
    /** Attempts that failed and were retried. */
    retries: Count,
    /** Entities fetched again because their data moved during the export. */
    refetches: Count,
  }),
  csv: Schema.NullOr(ManifestCsv),
  /**
   * Things an auditor should know, e.g. memberships naming users absent from the users file, or
   * a deviation from the API's spec the export tolerated, with its count (`invite-links:
   * space.emoji missing ×37`).
   */
  warnings: Schema.Array(Schema.String),
  /**
   * `tolerant` (the default): each entity read strictly on the fields its files use, the rest
   * tolerantly; `strict` (`--strict`): any deviation from the spec failed the run. Absent in
   * manifests written before it was recorded.
   */
  decoding: Schema.optionalWith(Schema.Literal('tolerant', 'strict'), { exact: true }),
  /** The deviations from the API's spec the export tolerated, counted (see `warnings`). */
  deviations: Schema.optionalWith(Schema.Array(ManifestDeviation), { exact: true }),
  /**
   * Requests in flight: `ceiling` is `--concurrency`, the rest was learnt from the API's answers;
   * the 429 and 503 answers met. Absent in manifests written before it was recorded.
   */
  concurrency: Schema.optionalWith(ManifestConcurrency, { exact: true }),
  /**
   * Present when the export was signed (`--sign-key`): the signature is in `manifest.json.sig`,
   * over this file's bytes, so only which key signed is recorded here.
   */
  signature: Schema.optionalWith(
    Schema.Struct({
      algorithm: Schema.Literal('Ed25519'),
      keyId: Schema.String.pipe(Schema.pattern(/^[0-9a-f]{16}$/)),
    }),
    { exact: true },
  ),
});
/** The whole manifest (version 1). */
export type Manifest = typeof Manifest.Type;

/** The manifest's bytes: two-space indented JSON, keys in schema order, a final newline. */
export const encodeManifest = (manifest: Manifest): string =>
  `${JSON.stringify(Schema.encodeSync(Manifest)(manifest), null, 2)}\n`;

/** Parses and checks a manifest's text; throws a `ParseError` naming what is wrong. */
export const decodeManifest = (text: string): Manifest =>
  Schema.decodeUnknownSync(Manifest)(JSON.parse(text), { errors: 'all', onExcessProperty: 'ignore' });
