/**
 * What a rejected fetch means, across runtimes: Node (undici) rejects with `TypeError('fetch
 * failed')` whose `cause` has a `code` such as `ECONNREFUSED`; Bun rejects with an error whose
 * `code` is e.g. `ConnectionRefused` (OpenSSL's codes for certificates, as Node); Deno puts the
 * OS or TLS error into the message (`invalid peer certificate: UnknownIssuer`).
 */
import { UNTRUSTED_CERTIFICATE } from '../errors.js';

/** A failed exchange: why, whether the request provably never reached the server, and whether trying again can help. */
export interface NetworkFailure {
  readonly reason: string;
  /** True when the connection was never established, so even a POST can be retried safely. */
  readonly notSent: boolean;
  /**
   * True when every attempt will fail the same way: the server's TLS certificate was rejected
   * (not trusted, expired, another host's), or no TLS server answers there. Retrying only delays
   * the error.
   */
  readonly permanent: boolean;
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
  readonly permanent?: true;
  readonly codes: ReadonlyArray<string>;
  readonly text: RegExp;
}> = [
  // Certificates first: their messages may also mention a connection.
  {
    reason: UNTRUSTED_CERTIFICATE,
    notSent: true,
    permanent: true,
    codes: [
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'SELF_SIGNED_CERT_IN_CHAIN',
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'UNABLE_TO_GET_ISSUER_CERT',
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
      'CERT_UNTRUSTED',
    ],
    text: /invalid peer certificate: (?:UnknownIssuer|.*CaUsedAsEndEntity)|self[- ]signed certificate|unable to verify the first certificate|unable to get (?:local )?issuer certificate/i,
  },
  {
    reason: 'TLS certificate expired or not yet valid',
    notSent: true,
    permanent: true,
    codes: ['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID'],
    text: /certificate (?:has )?expired|certificate is not yet valid|invalid peer certificate: (?:Expired|NotValidYet)/i,
  },
  {
    reason: 'TLS certificate is for another host name',
    notSent: true,
    permanent: true,
    codes: ['ERR_TLS_CERT_ALTNAME_INVALID'],
    text: /certificate not valid for name|does not match certificate's altnames|invalid peer certificate: NotValidForName/i,
  },
  {
    reason: 'no TLS server on that port (should the URL be http://?)',
    notSent: true,
    permanent: true,
    codes: ['ERR_SSL_WRONG_VERSION_NUMBER'],
    text: /wrong version number|Does the server speak TLS|corrupt message of type InvalidContentType/i,
  },
  {
    reason: 'TLS certificate rejected',
    notSent: true,
    permanent: true,
    codes: [],
    text: /invalid peer certificate/i,
  },
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
    codes: [],
    text: /certificate|tls|ssl/i,
  },
];

/** Classifies what fetch (or reading a body) rejected with. */
export const describeNetworkError = (error: unknown): NetworkFailure => {
  const { codes, text } = collect(error);
  for (const kind of KINDS) {
    if (codes.some((code) => kind.codes.includes(code)) || kind.text.test(text)) {
      return { reason: kind.reason, notSent: kind.notSent, permanent: kind.permanent === true };
    }
  }
  return { reason: text ? `network error (${text})` : 'network error', notSent: false, permanent: false };
};
