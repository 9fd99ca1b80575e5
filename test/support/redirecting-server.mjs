// @ts-check
/**
 * Two small HTTP servers on 127.0.0.1 for redirect tests, plain JavaScript so the runtime matrix
 * (Node, Deno, Bun) uses them too. The redirector forwards every request to an upstream (the
 * sandbox), except under two prefixes: `/same/…` redirects to `/…` on itself (same origin), and
 * `/away/…` redirects to `/…` on another origin, the counting server, which answers every request
 * with an empty page and records it, so a test can assert that nothing reached it.
 */
import { createServer } from 'node:http';
import { listenOnLoopback } from './loopback.mjs';

/**
 * @typedef {{ method: string, path: string, authorization: string | undefined }} SeenRequest
 * @typedef {{ url: string, requests: SeenRequest[], close: () => Promise<void> }} TestServer
 */

/**
 * @param {import('node:http').RequestListener} handler
 * @param {SeenRequest[]} requests
 * @returns {Promise<TestServer>}
 */
const listen = async (handler, requests) => {
  const server = createServer((request, response) => {
    requests.push({
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      authorization: request.headers.authorization,
    });
    handler(request, response);
  });
  const url = await listenOnLoopback(server);
  return {
    url,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve(undefined));
      }),
  };
};

/**
 * The other origin: records every request and answers 200 with an empty TransactionLink page,
 * data a client must not accept.
 * @returns {Promise<TestServer>}
 */
export const startCountingServer = () =>
  listen((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ content: [], totalElements: 0, totalPages: 0, number: 0, size: 100 }));
  }, []);

/** Headers of one connection, not of the message: never forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade']);

/** @param {import('node:http').IncomingMessage} request */
const bodyOf = async (request) => {
  /** @type {Buffer[]} */
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  return chunks.length === 0 ? undefined : Buffer.concat(chunks);
};

/**
 * The redirector in front of `upstream`: `/same/x` → 302 `/x` here; `/loop/x` → itself;
 * `/away/x` → `status` to
 * `elsewhere`/x, with credentials and a query in the Location that must not be shown; anything
 * else forwarded to `upstream` as it is (headers, body, answer).
 * @param {string} upstream
 * @param {string} elsewhere
 * @param {number} [status]
 * @returns {Promise<TestServer>}
 */
export const startRedirector = (upstream, elsewhere, status = 302) =>
  listen(async (request, response) => {
    const path = request.url ?? '/';
    if (path.startsWith('/same/')) {
      response.writeHead(status, { location: path.slice('/same'.length) }).end();
      return;
    }
    if (path.startsWith('/loop/')) {
      response.writeHead(status, { location: path }).end();
      return;
    }
    if (path.startsWith('/away/')) {
      const target = new URL(path.slice('/away'.length), elsewhere);
      target.username = 'mirror';
      target.password = 'pa55';
      target.searchParams.set('sig', 'query-secret');
      response.writeHead(status, { location: target.href }).end();
      return;
    }
    /** @type {Record<string, string>} */
    const headers = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (!HOP_BY_HOP.has(name) && name !== 'host' && typeof value === 'string') headers[name] = value;
    }
    const body = await bodyOf(request);
    const answer = await fetch(`${upstream}${path}`, { method: request.method ?? 'GET', headers, body }).catch(
      (error) => new Response(String(error), { status: 502 }),
    );
    /** @type {Record<string, string>} */
    const answerHeaders = {};
    answer.headers.forEach((value, name) => {
      if (!HOP_BY_HOP.has(name) && name !== 'content-encoding') answerHeaders[name] = value;
    });
    response.writeHead(answer.status, answerHeaders).end(Buffer.from(await answer.arrayBuffer()));
  }, []);
