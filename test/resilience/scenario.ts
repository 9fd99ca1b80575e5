/**
 * One resilience run: a fresh sandbox (same seed and options, so the same data as the reference
 * run), a fault config put through the control API, the BUILT CLI exporting all three formats
 * with debug logging on, optional actions while it runs, then the verdict of judgeExport and a
 * search for the token in everything the run produced.
 */
import { join } from 'node:path';
import {
  type FaultConfig,
  type RequestLogEntry,
  type Sandbox,
  type SandboxOptions,
  startSandbox,
} from '@rollcall/sandbox';
import { expect } from 'vitest';
import { type CliResult, dataFilesOf, describeRun, logLines, rollcall, temporaryDir } from '../e2e/support.js';
import type { RunLedger } from '../support/run-ledger.js';
import { answered, putFaults, requestLog } from '../support/sandbox-control.js';
import { findLeaks } from '../support/secrets.js';
import { judgeExport } from '../support/snapshot-outcome.js';

/** What a scenario allows: exactly one of the two safe outcomes, or either. */
export type Expected = 'identical' | 'failed-cleanly' | 'either';

export interface Scenario {
  readonly name: string;
  /** The faults, made when the run starts (an HTTP-date must lie ahead of that moment). */
  readonly faults: (sandbox: Sandbox) => FaultConfig | Promise<FaultConfig>;
  readonly expected: Expected;
  /** Flags added to the source's own for this run, e.g. a short `--timeout`. */
  readonly args?: ReadonlyArray<string>;
  /** Acts on the sandbox while the export runs; `running` settles when the CLI exits. */
  readonly during?: (sandbox: Sandbox, running: Promise<CliResult>) => Promise<void>;
  /**
   * The data changed during the run, on purpose: compare with a fault-free export of the sandbox
   * as it is after the run rather than with the reference snapshot.
   */
  readonly dataChanges?: boolean;
  /**
   * That the run met its fault (a run that met none proves nothing); default: the sandbox's
   * request log shows a faulted answer.
   */
  readonly met?: (result: CliResult, log: ReadonlyArray<RequestLogEntry>) => boolean;
}

/**
 * The per-attempt timeout of the runs that prove an attempt past it is aborted and retried: long
 * enough that no other answer comes near it on a loaded CI runner, short enough not to wait for
 * the default 30 s. The delayed answer comes well after it.
 */
export const TIMEOUT = '3s';
export const BEYOND_TIMEOUT_MS = 10_000;

/** The run aborted an attempt at `--timeout` and retried it (the CLI's log says so). */
export const timedOut = (result: CliResult): boolean =>
  logLines(result).some((line) => line.event === 'request.retry' && /\b3000 ms/.test(String(line.reason)));

const faultedAnswer = (_: CliResult, log: ReadonlyArray<RequestLogEntry>) => log.some((entry) => entry.fault);

/** How a source is exported: its sandbox, the CLI's environment and arguments, its tokens. */
export interface SourceSetup {
  readonly sandboxOptions: SandboxOptions;
  readonly env: (sandbox: Sandbox) => Record<string, string>;
  readonly args: ReadonlyArray<string>;
  /** Every token the run may hold, in the forms the CLI receives them. */
  readonly tokens: (sandbox: Sandbox) => ReadonlyArray<string>;
}

/** The CLI's export, debug logging on, into a fresh folder; the target is `<fresh parent>/snap`. */
export const exportOnce = async (
  setup: SourceSetup,
  sandbox: Sandbox,
  during?: Scenario['during'],
  args: ReadonlyArray<string> = [],
) => {
  const parent = temporaryDir();
  const out = join(parent, 'snap');
  // @effect/cli's built-in --log-level is only recognised right after the subcommand.
  const running = rollcall(['export', '--log-level', 'debug', '--out', out, ...setup.args, ...args], {
    env: setup.env(sandbox),
  });
  await during?.(sandbox, running);
  return { result: await running, out, parent };
};

/** The data files of a fault-free export of `sandbox` as it is now. */
export const cleanSnapshot = async (setup: SourceSetup, sandbox: Sandbox): Promise<Map<string, Buffer>> => {
  await putFaults(sandbox, {});
  const { result, out } = await exportOnce(setup, sandbox);
  expect(result.code, describeRun(result)).toBe(0);
  return dataFilesOf(out);
};

/** Runs `scenario`, records it in `ledger`, and asserts what it must. */
export const runScenario = async (
  setup: SourceSetup,
  scenario: Scenario,
  reference: ReadonlyMap<string, Buffer>,
  ledger: RunLedger,
): Promise<void> => {
  const started = performance.now();
  const sandbox = await startSandbox(setup.sandboxOptions);
  try {
    await putFaults(sandbox, await scenario.faults(sandbox));
    const { result, out, parent } = await exportOnce(setup, sandbox, scenario.during, scenario.args);
    const log = await requestLog(sandbox);
    const expectedData = scenario.dataChanges ? await cleanSnapshot(setup, sandbox) : reference;
    const outcome = judgeExport(result, out, expectedData);
    ledger.record({
      scenario: scenario.name,
      expected: scenario.expected,
      outcome: outcome.kind,
      exitCode: result.code,
      seconds: (performance.now() - started) / 1000,
      debugLines: result.stderr.split('\n').filter((line) => line.includes('"logLevel":"DEBUG"')).length,
    });
    const run = `${scenario.name}\n${describeRun(result)}`;
    expect(outcome, run).not.toMatchObject({ kind: 'violation' });
    if (scenario.expected !== 'either') expect(outcome.kind, run).toBe(scenario.expected);
    expect((scenario.met ?? faultedAnswer)(result, log), `${run}\nthe run met no fault`).toBe(true);
    const texts = { stdout: result.stdout, stderr: result.stderr, 'sandbox request log': JSON.stringify(log) };
    expect(findLeaks(setup.tokens(sandbox), texts, [parent]), run).toEqual([]);
  } finally {
    await sandbox.close();
  }
};

/**
 * A `during` that waits until the sandbox has answered a request that `matches` (the first page
 * of a list, say), then changes the data through the control API with `change`.
 */
export const afterAnswer =
  (
    matches: (entry: RequestLogEntry, sandbox: Sandbox) => boolean,
    change: (sandbox: Sandbox) => Promise<unknown>,
  ): Scenario['during'] =>
  async (sandbox, running) => {
    const seen = await answered(sandbox, (entry) => matches(entry, sandbox), running);
    expect(seen, 'the request to change the data after was answered before the run ended').toBe(true);
    await change(sandbox);
  };

/** A `during` that calls `change` every `everyMs` until the run ends. */
export const throughout =
  (change: (sandbox: Sandbox, n: number) => Promise<unknown>, everyMs = 100): Scenario['during'] =>
  async (sandbox, running) => {
    let ended = false;
    const end = () => {
      ended = true;
    };
    running.then(end, end);
    for (let n = 0; !ended; n++) {
      await change(sandbox, n);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  };

/** The checks every suite makes once its scenarios ran, after printing the tally. */
export const expectLedgerSafe = (ledger: RunLedger, scenarios: ReadonlyArray<Scenario>): void => {
  console.log(ledger.summary());
  expect(ledger.entries.map((entry) => entry.scenario).sort()).toEqual(scenarios.map((s) => s.name).sort());
  expect(ledger.counts().violation ?? 0).toBe(0);
  expect(ledger.entries.every((entry) => entry.outcome === 'identical' || entry.outcome === 'failed-cleanly')).toBe(
    true,
  );
  // Debug logging was on and had something to say, so the token search covered it.
  expect(ledger.entries.some((entry) => entry.debugLines > 0)).toBe(true);
};
