/**
 * `@rollcall/exporter`: audit snapshots of who has access to what, as CSV, JSON or NDJSON with a
 * hashed manifest, written atomically; `verify` and `diff` over snapshots; the `rollcall` CLI.
 *
 * @module
 */
export { run } from './cli.js';
export {
  type ChangedRow,
  type DiffRow,
  type DiffSide,
  diffSnapshots,
  type EntityChanges,
  hasChanges,
  type SnapshotDiff,
} from './diff.js';
export { formatDiffJson, formatDiffText } from './diff-format.js';
export {
  type Cell,
  type Column,
  type ColumnType,
  compareKeys,
  defineEntity,
  type EntityDefinition,
  type EntityDiffDefinition,
  type Row,
  rowToObject,
  utcTimestamp,
} from './entity.js';
export {
  EntityDrift,
  exitCodeFor,
  Interrupted,
  KeyInvalid,
  SandboxFailure,
  SnapshotExists,
  SnapshotUnreadable,
  SnapshotWriteFailure,
  SourceFailure,
  UsageError,
  VerifyFailed,
} from './errors.js';
export {
  DEFAULT_MEMORY_BUDGET,
  defaultSnapshotPath,
  type ExportError,
  type ExportOptions,
  type ExportResult,
  runExport,
} from './export.js';
export {
  CSV_DIALECT,
  FORMATS,
  FORMULA_PREFIX,
  FORMULA_TRIGGERS,
  type Format,
  fileName,
  neutraliseFormula,
} from './format.js';
export {
  decodePem,
  encodePem,
  keyFileNames,
  readSigningKey,
  readVerifyingKey,
  type WrittenKeyPair,
  writeKeyPair,
} from './internal/key-files.js';
export { decodeManifest, encodeManifest, MANIFEST_FILE, Manifest, ManifestCsv, ManifestFile } from './manifest.js';
export {
  type Level,
  layerFromProcess as reporterFromProcess,
  layerSilent as reporterSilent,
  makeReporter,
  Reporter,
  type ReporterOptions,
  type ReporterService,
} from './reporter.js';
export { renderReportHtml } from './review/report-html.js';
export { type ReviewOutcome, type ReviewRequest, reviewSnapshots, runReview } from './review/review.js';
export {
  type EvidenceValue,
  type Finding,
  type PrivilegedCount,
  type ReviewDocument,
  type ReviewedSnapshot,
  RULE_IDS,
  type RuleId,
  SEVERITIES,
  type Severity,
} from './review/review-document.js';
export { REVIEW_FORMATS, REVIEW_RENDERERS, type ReviewFormat, WORKSHEET_COLUMNS } from './review/review-renderers.js';
export { RULE_SEVERITY, type RuleParameters } from './review/rules.js';
export { ShutdownSignal, stopOnSignal } from './shutdown.js';
export {
  checkSignature,
  decodeSignature,
  encodeSignature,
  generateKeyPair,
  importSigningKey,
  importVerifyingKey,
  type KeyPair,
  keyIdOf,
  SIGNATURE_ALGORITHM,
  SIGNATURE_FILE,
  type SignatureCheck,
  SignatureFile,
  type SigningKey,
  signManifest,
  type VerifyingKey,
} from './signing.js';
export type {
  Connection,
  ConnectOptions,
  FetchObserver,
  Lookup,
  RateLimitWaitEvent,
  RetryEvent,
  Source,
} from './source.js';
export {
  type GitBookSourceOptions,
  gitBookEntities,
  gitBookSource,
  type InviteLinkKind,
  inviteLinkRow,
  inviteLinksEntity,
  makeGitBookSource,
  memberRow,
  membersEntity,
} from './sources/gitbook.js';
export { findSource, SOURCE_NAMES, sources } from './sources/index.js';
export {
  completeTransactionLinkRow,
  enrollmentsEntity,
  rolesEntity,
  transactionLinkEntities,
  transactionLinkSource,
  usersEntity,
  workspaceMembershipsEntity,
  workspaceRolesEntity,
  workspacesEntity,
} from './sources/transactionlink.js';
export { type SignatureStatus, type VerifyOptions, type VerifyReport, verifySnapshot } from './verify.js';
