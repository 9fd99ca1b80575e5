/**
 * The sandbox's HTTP control API (`/_sandbox/...`), as a test drives it from outside while the
 * CLI runs: fault config, data changes, the request log.
 */
import type { FaultConfig, RequestLogEntry, Sandbox } from '@rollcall/sandbox';

/** Calls the control API; throws with the answer when it is not 2xx. */
export const control = async <A = unknown>(
  sandbox: Pick<Sandbox, 'url'>,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<A> => {
  const response = await fetch(`${sandbox.url}/_sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`control ${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
  return (text === '' ? undefined : JSON.parse(text)) as A;
};

/** Replaces the fault config (`PUT /_sandbox/faults`). */
export const putFaults = (sandbox: Pick<Sandbox, 'url'>, faults: FaultConfig): Promise<unknown> =>
  control(sandbox, 'PUT', '/faults', faults);

/** The request log (`GET /_sandbox/requests`). */
export const requestLog = (sandbox: Pick<Sandbox, 'url'>): Promise<ReadonlyArray<RequestLogEntry>> =>
  control(sandbox, 'GET', '/requests');

/**
 * Resolves once the request log holds an answered request that `matches`, polling every 20 ms;
 * resolves `false` if `until` settles first (the run ended without such a request).
 */
export const answered = async (
  sandbox: Pick<Sandbox, 'url'>,
  matches: (entry: RequestLogEntry) => boolean,
  until: Promise<unknown>,
): Promise<boolean> => {
  let settled = false;
  const settle = () => {
    settled = true;
  };
  until.then(settle, settle);
  while (!settled) {
    if ((await requestLog(sandbox)).some(matches)) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
};
