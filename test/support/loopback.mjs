/**
 * Starts `server` on 127.0.0.1 at an ephemeral port and resolves to its `http://127.0.0.1:PORT` URL.
 * @param {import('node:net').Server} server
 * @returns {Promise<string>}
 */
export const listenOnLoopback = async (server) => {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
};
