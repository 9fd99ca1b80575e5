/**
 * The sandbox under measurement, in a process of its own: started with the options given as JSON
 * in argv[2], it prints one JSON line on stdout (`{url, token, startupMs}`) once it listens, and
 * stops on SIGTERM, SIGINT or when its stdin closes (the bench that started it went away).
 * `startupMs` is the time `startSandbox` took, data generation included.
 */
import { type SandboxOptions, startSandbox } from '@rollcall/sandbox';

const options = JSON.parse(process.argv[2] ?? '{}') as SandboxOptions;
const started = performance.now();
const sandbox = await startSandbox(options);
const startupMs = performance.now() - started;
process.stdout.write(`${JSON.stringify({ url: sandbox.url, token: sandbox.token, startupMs })}\n`);

const stop = () => {
  void sandbox.close().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop).resume();
