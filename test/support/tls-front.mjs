// @ts-check
/**
 * TLS in front of a local HTTP server: `https://localhost:PORT` on 127.0.0.1, each connection's
 * plaintext piped to the upstream's port, so the sandbox answers over HTTPS unchanged. Its
 * certificate (`tls/localhost.pem`, for `localhost` and `127.0.0.1`) is issued by `tls/ca.pem`,
 * a test CA no runtime trusts unless told to (`NODE_EXTRA_CA_CERTS`). Both are valid 2026-2126;
 * the CA's key was thrown away. Made with OpenSSL 3.0:
 *
 *   openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes …   (CA: CA:TRUE, keyCertSign)
 *   openssl ca -selfsign … / openssl ca -cert ca.pem …                       (-startdate 20260101000000Z
 *     -enddate 21260101000000Z; leaf: subjectAltName DNS:localhost,IP:127.0.0.1, serverAuth)
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { createServer } from 'node:tls';
import { listenOnLoopback } from './loopback.mjs';

/** The test CA's certificate: trusting it (NODE_EXTRA_CA_CERTS) makes the front trusted. */
export const TEST_CA = new URL('./tls/ca.pem', import.meta.url).pathname;

/**
 * @typedef {{ url: string, close: () => Promise<void> }} TlsFront
 * @param {string} upstreamUrl an `http://127.0.0.1:PORT` URL
 * @returns {Promise<TlsFront>}
 */
export const startTlsFront = async (upstreamUrl) => {
  const upstreamPort = Number(new URL(upstreamUrl).port);
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set();
  const server = createServer(
    {
      cert: readFileSync(new URL('./tls/localhost.pem', import.meta.url)),
      key: readFileSync(new URL('./tls/localhost-key.pem', import.meta.url)),
    },
    (socket) => {
      const upstream = connect(upstreamPort, '127.0.0.1');
      socket.pipe(upstream).pipe(socket);
      sockets.add(socket).add(upstream);
      const end = () => {
        socket.destroy();
        upstream.destroy();
        sockets.delete(socket);
        sockets.delete(upstream);
      };
      socket.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
    },
  );
  // A client that rejects the certificate aborts the handshake: not an error of the front.
  server.on('tlsClientError', () => undefined);
  const { port } = new URL(await listenOnLoopback(server));
  return {
    url: `https://localhost:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve(undefined));
      }),
  };
};
