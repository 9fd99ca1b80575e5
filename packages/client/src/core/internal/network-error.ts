/**
 * What a rejected fetch means, across runtimes: Node (undici) rejects with `TypeError('fetch
 * failed')` whose `cause` has a `code` such as `ECONNREFUSED`; Bun rejects with an error whose
 * `code` is e.g. `ConnectionRefused`; Deno puts the OS error into the message.
 */

/** A failed exchange: why, and whether the request provably never reached the server. */
export interface NetworkFailure {
  readonly reason: string;
  /** True when the connection was never established, so even a POST can be retried safely. */
  readonly notSent: boolean;
}

interface Signals {
  readonly codes: ReadonlyArray<string>;
  readonly text: string;
}

const collect = (error: unknown): Signals => {
  const codes: string[] = [];
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    const { code, message, name } = current as { code?: unknown; message?: unknown; name?: unknown };
    if (typeof code === 'string') codes.push(code);
    if (typeof name === 'string') messages.push(name);
    if (typeof message === 'string') messages.push(message);
    current = (current as { cause?: unknown }).cause;
  }
  if (typeof error === 'string') messages.push(error);
  return { codes, text: messages.join(' | ') };
};

const KINDS: ReadonlyArray<{
  readonly reason: string;
  readonly notSent: boolean;
  readonly codes: ReadonlyArray<string>;
  readonly text: RegExp;
}> = [
  {
    reason: 'connection refused',
    notSent: true,
    codes: ['ECONNREFUSED', 'ConnectionRefused'],
    text: /connection refused|ECONNREFUSED/i,
  },
  {
    reason: 'host not found',
    notSent: true,
    codes: ['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'DNSException'],
    text: /dns error|failed to lookup address|getaddrinfo|ENOTFOUND/i,
  },
  {
    reason: 'connection reset',
    notSent: false,
    codes: ['ECONNRESET', 'UND_ERR_SOCKET', 'ConnectionClosed', 'EPIPE'],
    text: /reset|socket hang up|other side closed|connection closed|unexpected end|terminated|incomplete/i,
  },
  {
    reason: 'TLS handshake failed',
    notSent: false,
    codes: [
      'CERT_HAS_EXPIRED',
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'ERR_TLS_CERT_ALTNAME_INVALID',
    ],
    text: /certificate|tls|ssl/i,
  },
];

/** Classifies what fetch (or reading a body) rejected with. */
export const describeNetworkError = (error: unknown): NetworkFailure => {
  const { codes, text } = collect(error);
  for (const kind of KINDS) {
    if (codes.some((code) => kind.codes.includes(code)) || kind.text.test(text)) {
      return { reason: kind.reason, notSent: kind.notSent };
    }
  }
  return { reason: text ? `network error (${text})` : 'network error', notSent: false };
};
