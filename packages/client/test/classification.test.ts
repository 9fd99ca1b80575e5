import { Redacted } from 'effect';
import { describe, expect, it } from 'vitest';
import {
  BadRequest,
  Conflict,
  Forbidden,
  NotFound,
  RateLimited,
  ServerError,
  Timeout,
  Transport,
  UNTRUSTED_CERTIFICATE,
  Unauthorized,
} from '../src/core/errors.js';
import { type AttemptFailure, isRetryable, toApiError } from '../src/core/internal/attempt-failure.js';
import { describeNetworkError } from '../src/core/internal/network-error.js';
import { transactionLinkProtocol } from '../src/transactionlink/protocol.js';

const status = (code: number, body: unknown = {}, retryAfterMs?: number): AttemptFailure => ({
  _tag: 'Status',
  status: code,
  body,
  retryAfterMs,
});
const network = (notSent: boolean, permanent = false): AttemptFailure => ({
  _tag: 'Network',
  reason: 'x',
  notSent,
  permanent,
  status: undefined,
});

describe('which failures are retried', () => {
  it('retries GET and PUT on 408, 429, 5xx, timeouts, transport errors and broken bodies', () => {
    for (const method of ['GET', 'PUT']) {
      for (const code of [408, 429, 500, 502, 503, 504]) expect(isRetryable(method, status(code))).toBe(true);
      expect(isRetryable(method, { _tag: 'AttemptTimeout', timeoutMs: 10 })).toBe(true);
      expect(isRetryable(method, network(false))).toBe(true);
      expect(isRetryable(method, { _tag: 'InvalidJson', status: 200 })).toBe(true);
    }
  });

  it('never retries a request the server rejected as wrong', () => {
    for (const method of ['GET', 'PUT', 'POST']) {
      for (const code of [400, 401, 403, 404, 409, 422]) expect(isRetryable(method, status(code))).toBe(false);
    }
  });

  it('retries POST only when the server cannot have acted: 429, 503, connection never made', () => {
    expect(isRetryable('POST', status(429))).toBe(true);
    expect(isRetryable('POST', status(503))).toBe(true);
    expect(isRetryable('POST', network(true))).toBe(true);
    for (const code of [408, 500, 502, 504]) expect(isRetryable('POST', status(code))).toBe(false);
    expect(isRetryable('POST', network(false))).toBe(false);
    expect(isRetryable('POST', { _tag: 'AttemptTimeout', timeoutMs: 10 })).toBe(false);
    expect(isRetryable('POST', { _tag: 'InvalidJson', status: 201 })).toBe(false);
  });

  it('never retries a rejected TLS certificate, whatever the method: it would be rejected again', () => {
    for (const method of ['GET', 'PUT', 'POST']) expect(isRetryable(method, network(true, true))).toBe(false);
  });
});

describe('the error a final failure becomes', () => {
  const context = {
    method: 'GET',
    path: '/organizations/users/u1',
    attempts: 2,
    secrets: [],
    protocol: transactionLinkProtocol,
  };
  const body = { fingerprint: 'fp-1', errors: [{ code: 'X', message: 'went wrong' }], extra: true };

  it('maps statuses to tags with status, method, path, fingerprint, errors and attempts', () => {
    const cases: Array<[number, new (...args: never[]) => unknown]> = [
      [400, BadRequest],
      [422, BadRequest],
      [401, Unauthorized],
      [403, Forbidden],
      [404, NotFound],
      [409, Conflict],
      [429, RateLimited],
      [500, ServerError],
      [503, ServerError],
    ];
    for (const [code, tag] of cases) {
      const error = toApiError(status(code, body), context);
      expect(error).toBeInstanceOf(tag);
      expect(error).toMatchObject({
        status: code,
        method: 'GET',
        path: '/organizations/users/u1',
        attempts: 2,
        fingerprint: 'fp-1',
        errors: [{ code: 'X', message: 'went wrong' }],
      });
    }
  });

  it('keeps Retry-After on RateLimited, and makes 408 a server-side Timeout', () => {
    expect(toApiError(status(429, body, 120_000), context)).toMatchObject({
      _tag: 'RateLimited',
      retryAfterMs: 120_000,
    });
    expect(toApiError(status(408, body), context)).toMatchObject({ _tag: 'Timeout', scope: 'server', status: 408 });
  });

  it('tolerates error bodies that are not an ErrorResponse', () => {
    for (const odd of ['<html>Bad gateway</html>', {}, { errors: 'nope', fingerprint: 3 }, { errors: [{ code: 1 }] }]) {
      const error = toApiError(status(502, odd), context);
      expect(error).toMatchObject({ _tag: 'ServerError', status: 502, errors: [] });
      expect(error.fingerprint).toBeUndefined();
    }
  });

  it('turns timeouts and transport failures into Timeout and Transport', () => {
    expect(toApiError({ _tag: 'AttemptTimeout', timeoutMs: 50 }, context)).toBeInstanceOf(Timeout);
    expect(toApiError({ _tag: 'AttemptTimeout', timeoutMs: 50 }, context)).toMatchObject({
      scope: 'attempt',
      timeoutMs: 50,
    });
    expect(toApiError(network(true), context)).toBeInstanceOf(Transport);
    expect(toApiError({ _tag: 'InvalidJson', status: 200 }, context)).toMatchObject({
      _tag: 'Transport',
      status: 200,
      reason: 'response body is not valid JSON',
    });
  });

  it('scrubs the token from anything the server echoes back', () => {
    const token = `tot_${'s'.repeat(52)}`;
    const echo = { fingerprint: `fp ${token}`, errors: [{ code: token, message: `bad token ${token}` }] };
    const error = toApiError(status(401, echo), { ...context, secrets: [Redacted.make(token)] });
    for (const text of [String(error), JSON.stringify(error), error.message, error.stack ?? '']) {
      expect(text).not.toContain(token);
    }
    expect(error.errors[0]?.message).toBe('bad token <redacted>');
  });
});

describe('what a rejected fetch means, on each runtime', () => {
  it('recognises a refused connection: undici cause code, Bun code, Deno message', () => {
    const undici = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
    });
    const bun = Object.assign(new Error('Unable to connect. Is the computer able to access the url?'), {
      code: 'ConnectionRefused',
    });
    const deno = new TypeError(
      'error sending request for url (http://127.0.0.1:9/organizations/users): client error (Connect): tcp connect error: Connection refused (os error 111)',
    );
    for (const error of [undici, bun, deno]) {
      expect(describeNetworkError(error)).toEqual({ reason: 'connection refused', notSent: true, permanent: false });
    }
  });

  it('treats a reset as possibly acted on, and DNS failure as never sent', () => {
    const reset = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
    });
    expect(describeNetworkError(reset)).toEqual({ reason: 'connection reset', notSent: false, permanent: false });
    const dns = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('getaddrinfo ENOTFOUND api.invalid'), { code: 'ENOTFOUND' }),
    });
    expect(describeNetworkError(dns)).toEqual({ reason: 'host not found', notSent: true, permanent: false });
  });

  it('describes anything else without claiming it was never sent', () => {
    expect(describeNetworkError(new Error('weird'))).toEqual({
      reason: 'network error (Error | weird)',
      notSent: false,
      permanent: false,
    });
    expect(describeNetworkError(undefined)).toEqual({ reason: 'network error', notSent: false, permanent: false });
  });

  // As each runtime rejects (observed with Node 20, Bun 1.4 and Deno 2.9 against a local TLS server).
  const undiciTls = (code: string, message: string) =>
    Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(message), { code }) });
  const bunTls = (code: string, message: string) => Object.assign(new TypeError(message), { code });
  const denoTls = (detail: string) =>
    Object.assign(new TypeError('fetch failed'), {
      cause: new Error(
        `error sending request for url (https://localhost:8443/organizations/users): client error (Connect): invalid peer certificate: ${detail}`,
      ),
    });
  const rejected = (reason: string) => ({ reason, notSent: true, permanent: true });

  it('names an untrusted certificate (unknown CA, self-signed) and marks it permanent', () => {
    for (const error of [
      undiciTls('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'),
      undiciTls('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'),
      undiciTls('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'),
      undiciTls('UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'unable to get local issuer certificate'),
      bunTls('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'),
      bunTls('DEPTH_ZERO_SELF_SIGNED_CERT', 'self signed certificate'),
      denoTls('UnknownIssuer'),
      denoTls('Other(OtherError(CaUsedAsEndEntity))'),
    ]) {
      expect(describeNetworkError(error)).toEqual(rejected(UNTRUSTED_CERTIFICATE));
    }
  });

  it('names an expired certificate and one for another host', () => {
    for (const error of [
      undiciTls('CERT_HAS_EXPIRED', 'certificate has expired'),
      bunTls('CERT_HAS_EXPIRED', 'certificate has expired'),
      denoTls(
        'certificate expired: verification time 1796657113 (UNIX), but certificate is not valid after 1609459200 (187197913 seconds ago)',
      ),
    ]) {
      expect(describeNetworkError(error)).toEqual(rejected('TLS certificate expired or not yet valid'));
    }
    for (const error of [
      undiciTls(
        'ERR_TLS_CERT_ALTNAME_INVALID',
        "Hostname/IP does not match certificate's altnames: Host: localhost. is not in the cert's altnames: DNS:example.test",
      ),
      bunTls('ERR_TLS_CERT_ALTNAME_INVALID', 'ERR_TLS_CERT_ALTNAME_INVALID fetching "https://localhost:8443/x".'),
      denoTls('certificate not valid for name "localhost"; certificate is only valid for DnsName("example.test")'),
    ]) {
      expect(describeNetworkError(error)).toEqual(rejected('TLS certificate is for another host name'));
    }
  });

  it('names an https URL whose port has no TLS server (a plain HTTP one), and does not retry it', () => {
    for (const error of [
      undiciTls(
        'ERR_SSL_WRONG_VERSION_NUMBER',
        '806CE6C3D27F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:',
      ),
      bunTls('EPROTO', 'EPROTO: The TLS handshake failed. Does the server speak TLS on this port?'),
      Object.assign(new TypeError('fetch failed'), {
        cause: new Error(
          'error sending request for url (https://localhost:8443/x): client error (Connect): received corrupt message of type InvalidContentType',
        ),
      }),
    ]) {
      expect(describeNetworkError(error)).toEqual(rejected('no TLS server on that port (should the URL be http://?)'));
    }
  });

  it('retries a TLS failure it cannot tell apart', () => {
    const handshake = undiciTls('ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', 'sslv3 alert handshake failure');
    expect(describeNetworkError(handshake)).toEqual({
      reason: 'TLS handshake failed',
      notSent: false,
      permanent: false,
    });
  });
});
