import { VirtualClock } from './core/clock.js';
import { startCore } from './core/sandbox-core.js';
import { makeGitBookApi } from './gitbook/gitbook-api.js';
import type { Sandbox, SandboxControl } from './sandbox.js';
import { resolveOptions, type SandboxOptions } from './sandbox-options.js';
import { makeTransactionLinkApi } from './transactionlink/transactionlink-api.js';

/**
 * Starts a local, stateful server for TransactionLink (at the root) and GitBook (under `/v1`),
 * built from the bundled specs, with seeded data, fault injection and a control API.
 *
 * @example
 * const sandbox = await startSandbox({ seed: 'demo', users: 1000 });
 * console.log(sandbox.url, sandbox.token);
 * console.log(sandbox.gitbook.url, sandbox.gitbook.token, sandbox.gitbook.organizationId);
 * await sandbox.close();
 *
 * @throws SandboxOptionsError for options out of range; the listen error if the port is taken.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const settings = resolveOptions(options);
  const clock = new VirtualClock(Date.parse(settings.now));
  const transactionLink = makeTransactionLinkApi(clock, settings);
  const gitbook = makeGitBookApi(clock, {
    seed: settings.seed,
    ...settings.gitbook,
    accessReview: settings.accessReview,
  });
  const core = await startCore(settings, clock, [transactionLink.module, gitbook.module]);
  const control: SandboxControl = { ...core.control, ...transactionLink.control, gitbook: gitbook.control };
  return {
    url: core.url,
    token: transactionLink.token,
    seed: settings.seed,
    issueToken: control.issueToken,
    gitbook: {
      url: `${core.url}${gitbook.module.mount}`,
      token: gitbook.token,
      organizationId: gitbook.organizationId,
      userId: gitbook.userId,
      otherOrganizationId: gitbook.otherOrganizationId,
    },
    control,
    close: core.close,
  };
}
