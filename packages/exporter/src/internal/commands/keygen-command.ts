/** `rollcall keygen [--out PREFIX]`. */
import * as Command from '@effect/cli/Command';
import * as Options from '@effect/cli/Options';
import * as Console from 'effect/Console';
import * as Effect from 'effect/Effect';
import { layerFromProcess, Reporter } from '../../reporter.js';
import { writeKeyPair } from '../key-files.js';
import { reportFailures } from './reported.js';

const DEFAULT_PREFIX = 'rollcall-signing';

/** `rollcall keygen`: the private key's path, then the public key's, one a line on stdout. */
export const keygenCommand = Command.make(
  'keygen',
  {
    out: Options.text('out').pipe(
      Options.withPseudoName('PREFIX'),
      Options.withDefault(DEFAULT_PREFIX),
      Options.withDescription(
        `Write PREFIX.key.pem (private, mode 0600) and PREFIX.pub.pem (public); default ${DEFAULT_PREFIX}. Neither may exist.`,
      ),
    ),
  },
  ({ out }) =>
    reportFailures(
      Effect.gen(function* () {
        const reporter = yield* Reporter;
        const written = yield* writeKeyPair(out);
        reporter.log('info', 'keygen.done', `Ed25519 key pair written, key id ${written.keyId}`, {
          keyId: written.keyId,
        });
        yield* Console.log(`${written.privateKey}\n${written.publicKey}`);
      }),
    ).pipe(Effect.provide(layerFromProcess({ quiet: false }))),
).pipe(
  Command.withDescription(
    'Create an Ed25519 key pair for signed snapshots (export --sign-key, verify --public-key): PKCS#8 and SPKI PEM, as openssl reads them. Keep the private key secret.',
  ),
);
