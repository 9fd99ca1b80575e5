/**
 * `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` (lower case too) for the CLI's requests, on every
 * runtime. Bun's fetch honours them itself, and so does Deno's, except `NO_PROXY=*`, which
 * Deno 2 ignores (it still proxies): the proxy variables are removed before the first request
 * instead. Node's global fetch ignores them all: undici's EnvHttpProxyAgent, which reads them the
 * same way, becomes the global dispatcher, and is loaded only when a proxy variable is set.
 *
 * The CLI does this, not `@rollcall/client`: a program using the library keeps its own dispatcher
 * (or passes its own `fetch` in the client settings). A proxy URL is never logged or repeated in
 * an error: it may hold credentials.
 */
import * as Effect from 'effect/Effect';
import { UsageError } from '../errors.js';

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'] as const;

type Environment = Readonly<Record<string, string | undefined>>;

const isSet = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

/** The proxy variables set (not empty) in `env`. */
export const proxyVariablesSet = (env: Environment): ReadonlyArray<string> =>
  PROXY_VARIABLES.filter((name) => isSet(env[name]));

/** Whether `NO_PROXY` (or `no_proxy`, which wins as in undici) says no host is proxied. */
export const bypassesEveryHost = (env: Environment): boolean => (env.no_proxy ?? env.NO_PROXY ?? '').trim() === '*';

/** The proxy variable whose value is not an http or https URL, if any (named, never its value). */
const malformedVariable = (env: Environment): string | undefined =>
  proxyVariablesSet(env).find((name) => {
    try {
      return !['http:', 'https:'].includes(new URL(env[name]!.trim()).protocol);
    } catch {
      return true;
    }
  });

interface DenoEnv {
  readonly Deno?: { readonly env: { delete(name: string): void } };
}

/**
 * Makes this process's fetch go through the proxy the environment names (see the module);
 * nothing when no proxy variable is set. Fails with a UsageError naming a malformed variable.
 */
export const useProxyFromEnvironment = (env: Environment = process.env): Effect.Effect<void, UsageError> =>
  Effect.gen(function* () {
    if (proxyVariablesSet(env).length === 0 || 'Bun' in globalThis) return;
    const malformed = malformedVariable(env);
    if (malformed !== undefined) {
      return yield* new UsageError({
        message: `${malformed} is not an http or https URL (e.g. http://proxy.example:3128)`,
      });
    }
    const { Deno } = globalThis as DenoEnv;
    if (Deno !== undefined) {
      if (bypassesEveryHost(env)) for (const name of PROXY_VARIABLES) Deno.env.delete(name);
      return;
    }
    yield* Effect.tryPromise({
      try: async () => {
        const { EnvHttpProxyAgent, setGlobalDispatcher } = await import('undici');
        setGlobalDispatcher(new EnvHttpProxyAgent());
      },
      catch: () => new UsageError({ message: `cannot use the proxy in ${proxyVariablesSet(env).join(', ')}` }),
    });
  });
