/**
 * Redirects, followed by the client itself rather than by fetch: only to the origin the request
 * was sent to. fetch's own `redirect: 'follow'` goes to any host and hands back that host's data
 * as if the API had sent it; an audit snapshot must come from the configured origin only, and the
 * token must never leave it. A redirect elsewhere rejects with {@link RedirectRefused}.
 *
 * With `redirect: 'manual'`, Node (undici), Deno and Bun return the 3xx response itself, Location
 * included; a browser returns an `opaqueredirect` (status 0) that hides the target, which is refused
 * too, since its origin cannot be checked.
 */

/** Redirects followed per attempt before it fails (fetch's own limit is 20). */
export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** A redirect that was not followed: to another origin, or one the runtime hides. */
export class RedirectRefused extends Error {
  constructor(
    /** The origin the redirecting request was sent to. */
    readonly from: string,
    /** The target without credentials, query or fragment; `(hidden)` when the runtime hides it. */
    readonly location: string,
    readonly status: number,
  ) {
    super(`redirect (${status}) from ${from} to ${location} refused: not the same origin`);
    this.name = 'RedirectRefused';
  }
}

/** More than {@link MAX_REDIRECTS} redirects in a row, all within the origin (a loop, most likely). */
export class TooManyRedirects extends Error {
  constructor(readonly status: number) {
    super(`more than ${MAX_REDIRECTS} redirects`);
    this.name = 'TooManyRedirects';
  }
}

/** `url` without userinfo, query or fragment: what may be shown of a target that was not trusted. */
export const displayableTarget = (url: URL): string => `${url.origin}${url.pathname}`;

/** The request to send after `response` redirected `previous` to `target` (RFC 9110 §15.4). */
const nextRequest = async (
  previous: Request,
  replayable: Request | undefined,
  status: number,
  target: URL,
): Promise<Request> => {
  // 307 and 308 repeat the method and body; 301 and 302 turn a POST into a GET, 303 anything but HEAD.
  const keepsMethod =
    status === 307 || status === 308 || (status !== 303 && previous.method !== 'POST') || previous.method === 'HEAD';
  if (keepsMethod) {
    return new Request(target, {
      method: previous.method,
      headers: previous.headers,
      // Buffered, not streamed: a request body here is a small JSON document, sent with its length.
      body: replayable === undefined ? null : await replayable.clone().arrayBuffer(),
      signal: previous.signal,
      redirect: 'manual',
    });
  }
  const headers = new Headers(previous.headers);
  for (const name of ['content-type', 'content-length', 'content-encoding', 'content-language']) headers.delete(name);
  return new Request(target, { method: 'GET', headers, signal: previous.signal, redirect: 'manual' });
};

/**
 * `fetch` that follows a redirect only to the origin of the request it was given, at most
 * {@link MAX_REDIRECTS} times; a redirect elsewhere rejects with RedirectRefused before any
 * request is sent there. A 3xx without a Location is returned as it is.
 */
export const sameOriginFetch =
  (fetch: typeof globalThis.fetch): typeof globalThis.fetch =>
  async (input, init) => {
    let request = new Request(input, { ...init, redirect: 'manual' });
    const origin = new URL(request.url).origin;
    // A body can be read once: a copy is kept for a 307/308 that repeats it.
    const replayable = request.body === null ? undefined : request.clone();
    for (let redirects = 0; ; redirects++) {
      const response = await fetch(request);
      if (response.type === 'opaqueredirect') throw new RedirectRefused(origin, '(hidden)', response.status);
      const location = response.headers.get('location');
      if (!REDIRECT_STATUSES.has(response.status) || location === null) return response;
      const target = new URL(location, request.url);
      // The body is not wanted; reading it is dropped so the connection is freed.
      await response.body?.cancel().catch(() => undefined);
      if (target.origin !== origin) throw new RedirectRefused(origin, displayableTarget(target), response.status);
      if (redirects === MAX_REDIRECTS) throw new TooManyRedirects(response.status);
      request = await nextRequest(request, replayable, response.status, target);
    }
  };
