/**
 * The errors of the exporter, as `Schema.TaggedError`s with the data a caller needs, and the
 * exit code each one means for the CLI: 2 for usage and configuration, 1 for a failed run,
 * 130 for a run stopped by a signal. None of them ever carries a token.
 *
 * @module
 */
import * as Schema from 'effect/Schema';

/** The command line or the configuration is wrong; `message` names the flag or variable. Exit 2. */
export class UsageError extends Schema.TaggedError<UsageError>()('UsageError', {
  message: Schema.String,
}) {}

/** The snapshot folder to write already exists; nothing was touched. Exit 2. */
export class SnapshotExists extends Schema.TaggedError<SnapshotExists>()('SnapshotExists', {
  path: Schema.String,
}) {
  override get message(): string {
    return `${this.path} already exists; a snapshot is never overwritten: choose another --out`;
  }
}

/** Fetching an entity failed for good (API error after retries, network, unreadable answer). Exit 1. */
export class SourceFailure extends Schema.TaggedError<SourceFailure>()('SourceFailure', {
  entity: Schema.String,
  /** The underlying error's tag, e.g. `ServerError`, `Transport`. */
  reason: Schema.String,
  message: Schema.String,
}) {}

/**
 * An entity changed while it was being exported: its total moved between pages, the rows did not
 * add up to the announced total, or a key came twice. The export fetches the entity again once;
 * a second drift fails the run. Exit 1.
 */
export class EntityDrift extends Schema.TaggedError<EntityDrift>()('EntityDrift', {
  entity: Schema.String,
  detail: Schema.String,
}) {
  override get message(): string {
    return `${this.entity} changed while it was being exported: ${this.detail}`;
  }
}

/** Writing the snapshot failed (disk full, permissions, …); nothing was left at the target. Exit 1. */
export class SnapshotWriteFailure extends Schema.TaggedError<SnapshotWriteFailure>()('SnapshotWriteFailure', {
  path: Schema.String,
  message: Schema.String,
}) {}

/** A snapshot could not be read (no folder, no manifest, a file that does not parse). Exit 1. */
export class SnapshotUnreadable extends Schema.TaggedError<SnapshotUnreadable>()('SnapshotUnreadable', {
  /** The folder or file concerned. */
  path: Schema.String,
  /** What is wrong with it, e.g. `Invalid Record Length: ... on line 49`. */
  reason: Schema.String,
}) {
  override get message(): string {
    return `${this.path}: ${this.reason}`;
  }
}

/** `verify` found files that differ from the manifest; each mismatch is a sentence. Exit 1. */
export class VerifyFailed extends Schema.TaggedError<VerifyFailed>()('VerifyFailed', {
  dir: Schema.String,
  mismatches: Schema.Array(Schema.String),
}) {
  override get message(): string {
    const count = this.mismatches.length;
    return `${this.dir} does not match its manifest (${count} mismatch${count === 1 ? '' : 'es'})`;
  }
}

/** The run was stopped by SIGINT or SIGTERM; whatever it had started writing was removed. Exit 130. */
export class Interrupted extends Schema.TaggedError<Interrupted>()('Interrupted', {
  signal: Schema.String,
}) {
  override get message(): string {
    return `stopped by ${this.signal}; nothing was written`;
  }
}

/**
 * A signing or public key cannot be used: not Ed25519, not PKCS#8 / SPKI, damaged. `reason` never
 * holds any of the key's bytes. Exit 2.
 */
export class KeyInvalid extends Schema.TaggedError<KeyInvalid>()('KeyInvalid', {
  reason: Schema.String,
}) {
  override get message(): string {
    return this.reason;
  }
}

const USAGE_TAGS = new Set(['UsageError', 'SnapshotExists', 'ConfigError', 'KeyInvalid']);

/** The process exit code for an error: 2 usage or configuration, 130 interrupted, 1 anything else. */
export const exitCodeFor = (error: unknown): number => {
  const tag = typeof error === 'object' && error !== null && '_tag' in error ? String(error._tag) : '';
  if (USAGE_TAGS.has(tag)) return 2;
  if (tag === 'Interrupted') return 130;
  return 1;
};

/** `rollcall sandbox` could not start the sandbox (port in use, bad option). Exit 1. */
export class SandboxFailure extends Schema.TaggedError<SandboxFailure>()('SandboxFailure', {
  message: Schema.String,
}) {}
