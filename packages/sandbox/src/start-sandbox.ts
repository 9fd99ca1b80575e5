import { VirtualClock } from './core/clock.js';
import { startCore } from './core/sandbox-core.js';
import type { Sandbox, SandboxControl } from './sandbox.js';
import { resolveOptions, type SandboxOptions } from './sandbox-options.js';
import { makeTransactionLinkApi } from './transactionlink/transactionlink-api.js';

/**
 * Starts a local, stateful TransactionLink server built from the bundled spec, with seeded
 * data, fault injection and a control API.
 *
 * @example
 * const sandbox = await startSandbox({ seed: 'demo', users: 1000 });
 * console.log(sandbox.url, sandbox.token);
 * await sandbox.close();
 *
 * @throws SandboxOptionsError for options out of range; the listen error if the port is taken.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const settings = resolveOptions(options);
  const clock = new VirtualClock(Date.parse(settings.now));
  const transactionLink = makeTransactionLinkApi(clock, settings);
  const core = await startCore(settings, clock, [transactionLink.module]);
  const control: SandboxControl = { ...core.control, ...transactionLink.control };
  return {
    url: core.url,
    token: transactionLink.token,
    seed: settings.seed,
    issueToken: control.issueToken,
    control,
    close: core.close,
  };
}
