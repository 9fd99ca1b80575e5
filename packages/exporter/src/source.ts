/**
 * A source: the system a snapshot is taken of. It declares its entities (columns, sort keys, diff
 * rules), connects with a token, and streams each entity's rows in whatever order the API gives
 * them. Everything else (sorting, joins' timing, writers, manifest, verify, diff) is the
 * exporter's and works for every source alike.
 *
 * @module
 */
import type * as Duration from 'effect/Duration';
import type * as Effect from 'effect/Effect';
import type * as Redacted from 'effect/Redacted';
import type * as Scope from 'effect/Scope';
import type * as Stream from 'effect/Stream';
import type { EntityDefinition, Row } from './entity.js';
import type { EntityDrift, SourceFailure, UsageError } from './errors.js';

/** An attempt that failed and will be retried, as the client reports it. */
export interface RetryEvent {
  readonly method: string;
  readonly path: string;
  readonly attempt: number;
  readonly delayMs: number;
  readonly reason: string;
}

/** A request held back until the API's rate-limit quota resets (not a retry: nothing failed). */
export interface RateLimitWaitEvent {
  readonly method: string;
  readonly path: string;
  readonly attempt: number;
  readonly delayMs: number;
}

/**
 * One place where a response differed from the API's spec, tolerated because the snapshot does
 * not rely on it (see `ConnectOptions.strict`): `path` from the response body's root.
 */
export interface SpecDeviation {
  readonly path: string;
  readonly kind: 'missing' | 'wrong-type' | 'invalid' | 'unknown-value' | 'unknown-field';
  /** A summary of what was received: an unknown enum value as sent, else a JSON type or what the spec asks. */
  readonly value: string;
}

/** What a connection reports while it fetches: counted into the manifest and shown as progress. */
export interface FetchObserver {
  /** An HTTP attempt was sent. */
  readonly request: () => void;
  /** An attempt failed and will be retried. */
  readonly retry: (event: RetryEvent) => void;
  /** A page, or a whole list, of `rows` rows of `entity` arrived; `totalPages` when the API says. */
  readonly page: (entity: string, rows: number, totalPages?: number) => void;
  /** Something an auditor should know about the data (logged, and listed in the manifest's warnings). */
  readonly warn: (message: string) => void;
  /** A request waits for the API's rate-limit quota (GitBook's `X-RateLimit-Remaining: 0`); logged. */
  readonly rateLimitWait?: ((event: RateLimitWaitEvent) => void) | undefined;
  /** A response for `entity` differed from the spec where the snapshot does not rely on it; counted. */
  readonly deviations?: ((entity: string, deviations: ReadonlyArray<SpecDeviation>) => void) | undefined;
  /** The connection's requests in flight, summed up when the export ends (for the manifest). */
  readonly flights?: ((stats: () => FlightStats) => void) | undefined;
}

/** How a connection's requests in flight went: `--concurrency` was the ceiling, the rest was learnt. */
export interface FlightStats {
  readonly ceiling: number;
  readonly peakInFlight: number;
  /** Time-weighted, while at least one request was in flight. */
  readonly meanInFlight: number;
  /** 429 answers met (each retried by the client). */
  readonly rateLimited: number;
  /** 503 answers met. */
  readonly unavailable: number;
}

/** What `connect` is given: flags already parsed, the rest comes from the source's env vars. */
export interface ConnectOptions {
  /** `--base-url`, over the source's environment variable and default. */
  readonly baseUrl: string | undefined;
  /** The token read from `--token-file`, over the source's environment variable. */
  readonly token: Redacted.Redacted<string> | undefined;
  /** Where `token` came from, for the manifest (e.g. `--token-file`). */
  readonly tokenSource: string | undefined;
  readonly pageSize: number;
  /** Requests in flight at most: the ceiling of an adaptive limit (see `FetchObserver.flights`). */
  readonly concurrency: number;
  /** How long one HTTP attempt may take; the client's default (30 seconds) when absent. */
  readonly timeout?: Duration.DurationInput | undefined;
  /**
   * Any deviation from the API's spec fails the fetch. Otherwise (the default) each entity is
   * decoded strictly on the fields its files use (ids, keys, columns, join fields) and tolerantly
   * on the rest, whose deviations go to `observer.deviations`.
   */
  readonly strict?: boolean | undefined;
  readonly observer: FetchObserver;
}

/** A connected source, for one export. */
export interface Connection {
  /** The base URL in use, for the manifest. */
  readonly baseUrl: string;
  /** The token in use; only its fingerprint leaves the process. */
  readonly token: Redacted.Redacted<string>;
  /** Where the token came from, e.g. `TRANSACTIONLINK_TOKEN` or `--token-file`. */
  readonly tokenSource: string;
  /**
   * Every row of the entity, in any order. Fails with `EntityDrift` when the data moved under
   * the export (the exporter then fetches the entity once more), `SourceFailure` otherwise. The
   * rows are handed over: the exporter may replace a string cell by an equal string it holds
   * already (a fresh array per row, as a source builds it, is what it expects).
   */
  readonly rows: (entity: string) => Stream.Stream<Row, SourceFailure | EntityDrift>;
}

/** Finds a fetched row of another entity by its sort key; rows there are as fetched (before joins). */
export type Lookup = (entity: string, key: ReadonlyArray<string>) => Row | undefined;

/** A system rollcall snapshots. */
export interface Source {
  /** As given to `--source`, e.g. `transactionlink`. */
  readonly name: string;
  /** Display name, e.g. `TransactionLink`. */
  readonly system: string;
  /** The API version the entities were read with, for the manifest. */
  readonly apiVersion: string;
  /** In the order their files are written. */
  readonly entities: ReadonlyArray<EntityDefinition>;
  /** Reads the token and base URL (options over environment variables over defaults). */
  readonly connect: (options: ConnectOptions) => Effect.Effect<Connection, UsageError, Scope.Scope>;
  /**
   * Fills a row's join columns (e.g. a role name from its id) once every entity has been
   * fetched; called in sorted order, just before the row is written. Rows come back unchanged
   * when absent.
   */
  readonly complete?: ((entity: string, row: Row, lookup: Lookup) => Row) | undefined;
  /**
   * The entities `complete` looks up, for each entity whose rows it fills, e.g. `{users:
   * ['roles']}`. An entity is written as soon as it and these are fetched, while the others are
   * still being fetched; without `joins`, an entity waits for every other one before it is written.
   */
  readonly joins?: Readonly<Record<string, ReadonlyArray<string>>> | undefined;
}
