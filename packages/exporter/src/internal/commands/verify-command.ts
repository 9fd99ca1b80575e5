/** `rollcall verify DIR [--public-key FILE]`. */
import * as Args from '@effect/cli/Args';
import * as Command from '@effect/cli/Command';
import * as Options from '@effect/cli/Options';
import * as Console from 'effect/Console';
import * as Effect from 'effect/Effect';
import * as Option from 'effect/Option';
import { VerifyFailed } from '../../errors.js';
import { layerFromProcess } from '../../reporter.js';
import { stopOnSignal } from '../../shutdown.js';
import { readVerifyingKey } from '../key-files.js';
import { reportFailures } from './reported.js';
import { requireDirectory } from './require-directory.js';

/**
 * `rollcall verify DIR`: `intact: …` on stdout and exit 0, or one `mismatch: …` line each and exit 1.
 * A signed snapshot adds a `signature: …` line: verified with `--public-key`, else not checked.
 */
export const verifyCommand = Command.make(
  'verify',
  {
    dir: Args.text({ name: 'DIR' }).pipe(Args.withDescription('A snapshot folder written by rollcall export.')),
    publicKey: Options.text('public-key').pipe(
      Options.withPseudoName('FILE'),
      Options.optional,
      Options.withDescription(
        "Require manifest.json.sig and check it with this Ed25519 public key (SPKI PEM, from rollcall keygen): proves the manifest, and so every file, came from the private key's holder.",
      ),
    ),
  },
  ({ dir, publicKey }) =>
    reportFailures(
      Effect.gen(function* () {
        yield* requireDirectory('DIR', dir);
        const key = Option.isSome(publicKey) ? yield* readVerifyingKey('--public-key', publicKey.value) : undefined;
        // Loaded on demand: the other commands start faster without verify's parsers.
        const { verifySnapshot } = yield* Effect.promise(() => import('../../verify.js'));
        const report = yield* stopOnSignal(verifySnapshot(dir, { publicKey: key }));
        if (report.mismatches.length > 0) {
          for (const mismatch of report.mismatches) yield* Console.log(`mismatch: ${mismatch}`);
          return yield* new VerifyFailed({ dir: report.dir, mismatches: report.mismatches });
        }
        const files = report.manifest?.files ?? [];
        const rows = files.reduce((sum, file) => sum + file.rows, 0);
        yield* Console.log(`intact: ${report.dir} (${files.length} files, ${rows} rows, as manifest.json says)`);
        if (report.signature.status === 'verified') {
          yield* Console.log(`signature: verified, manifest.json signed by key ${report.signature.keyId}`);
        } else if (report.signature.status === 'unchecked') {
          yield* Console.log(
            `signature: present (key ${report.signature.keyId}) but not checked; pass --public-key to check it`,
          );
        }
      }),
    ).pipe(Effect.provide(layerFromProcess({ quiet: false }))),
).pipe(
  Command.withDescription(
    "Check a snapshot against its manifest: every file's size, SHA-256 and row count; no file missing or added; with --public-key, the manifest's Ed25519 signature first. Exit 0 intact, 1 otherwise.",
  ),
);
