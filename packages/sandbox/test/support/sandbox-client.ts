/** Test helpers: the generated TransactionLink client pointed at a sandbox, and raw HTTP. */
import { TransactionLinkSdk } from '@rollcall/transactionlink-fetch';
import { createClient } from '@rollcall/transactionlink-fetch/client';
import type { Sandbox } from '../../src/index.js';

type Sdk = TransactionLinkSdk;
type MethodName = { [K in keyof Sdk]: Sdk[K] extends (options: never) => Promise<unknown> ? K : never }[keyof Sdk];

/**
 * The generated SDK with the `Authorization` header filled in. The spec declares that header as
 * a required parameter of every operation, so the generated types demand it on every call.
 */
export type BoundSdk = {
  [K in MethodName]: (
    options?: Omit<NonNullable<Parameters<Sdk[K]>[0]>, 'headers' | 'throwOnError'>,
  ) => Promise<Extract<Awaited<ReturnType<Sdk[K]>>, { error: unknown }>>;
};

/** The generated SDK against `sandbox`, sending `token` (default: the all-scopes token) as Authorization. */
export function sdkFor(sandbox: Sandbox, token: string | undefined = sandbox.token): BoundSdk {
  const sdk = new TransactionLinkSdk({ client: createClient({ baseUrl: sandbox.url }) });
  return new Proxy(sdk, {
    get: (target, name) => {
      const method = Reflect.get(target, name) as (options: object) => unknown;
      return (options: object = {}) =>
        method.call(target, { ...options, headers: token === undefined ? {} : { Authorization: token } });
    },
  }) as unknown as BoundSdk;
}

/** A raw request with the all-scopes token unless `headers` say otherwise. */
export const call = (sandbox: Sandbox, path: string, init: RequestInit = {}): Promise<Response> =>
  fetch(`${sandbox.url}${path}`, {
    ...init,
    headers: {
      Authorization: sandbox.token,
      ...(init.body ? { 'Content-Type': 'application/json' } : {}),
      ...init.headers,
    },
  });

/** The control API over HTTP. */
export const controlCall = async (
  sandbox: Sandbox,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> => {
  const response = await fetch(`${sandbox.url}/_sandbox${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
  });
  return { status: response.status, body: await response.json() };
};

/** Every element of a page stream, by the response's own totalPages. */
export async function allPages<T>(
  fetchPage: (page: number) => Promise<{ content?: T[]; totalPages?: number }>,
): Promise<T[]> {
  const out: T[] = [];
  for (let page = 0, total = 1; page < total; page++) {
    const body = await fetchPage(page);
    out.push(...(body.content ?? []));
    total = body.totalPages ?? 0;
  }
  return out;
}
