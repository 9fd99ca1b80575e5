// @ts-check
/**
 * A small HTTP forward proxy on 127.0.0.1 that records what it carries: absolute-form requests
 * (`GET http://host/path`, how a client sends a plain-http request through a proxy) are
 * forwarded, CONNECT opens a tunnel (how undici and others send any request through a proxy,
 * http targets included). Plain JavaScript, so the runtime tests use it under any runtime.
 */
import { createServer, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { listenOnLoopback } from './loopback.mjs';

/**
 * @typedef {{ kind: 'forward' | 'connect', target: string, proxyAuthorization: string | undefined }} ProxiedRequest
 * @typedef {{ url: string, requests: ProxiedRequest[], close: () => Promise<void> }} ForwardProxy
 */

/** @returns {Promise<ForwardProxy>} */
export const startForwardProxy = async () => {
  /** @type {ProxiedRequest[]} */
  const requests = [];
  /** @type {Set<import('node:stream').Duplex>} */
  const tunnels = new Set();
  const server = createServer((request, response) => {
    const target = request.url ?? '';
    requests.push({ kind: 'forward', target, proxyAuthorization: request.headers['proxy-authorization'] });
    const { 'proxy-authorization': _auth, 'proxy-connection': _connection, ...headers } = request.headers;
    const upstream = httpRequest(target, { method: request.method, headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.writeHead(502).end());
    request.pipe(upstream);
  });
  server.on('connect', (request, socket, head) => {
    const target = request.url ?? '';
    requests.push({ kind: 'connect', target, proxyAuthorization: request.headers['proxy-authorization'] });
    const [host, port] = target.split(':');
    const upstream = connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    tunnels.add(upstream).add(socket);
    const end = () => {
      upstream.destroy();
      socket.destroy();
    };
    upstream.on('error', end).on('close', end);
    socket.on('error', end).on('close', end);
  });
  const url = await listenOnLoopback(server);
  return {
    url,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const socket of tunnels) socket.destroy();
        server.closeAllConnections?.();
        server.close(() => resolve(undefined));
      }),
  };
};
