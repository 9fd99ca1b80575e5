import { Cause, Inspectable, Redacted } from 'effect';
import { describe, expect, it } from 'vitest';
import {
  BadRequest,
  Conflict,
  Forbidden,
  NotFound,
  RateLimited,
  ServerError,
  Timeout,
  Unauthorized,
} from '../src/core/errors.js';
import { type AttemptFailure, toApiError } from '../src/core/internal/attempt-failure.js';
import { scrub } from '../src/core/internal/scrub.js';
import { gitBookErrorDetails, gitBookProtocol } from '../src/gitbook/protocol.js';

const token = 'gb_api_s3cr3t+T0ken/with=chars';
const context = {
  method: 'GET',
  path: '/orgs/acme/members',
  attempts: 1,
  secrets: [Redacted.make(token)],
  protocol: gitBookProtocol,
};
const status = (code: number, body: unknown, retryAfterMs?: number): AttemptFailure => ({
  _tag: 'Status',
  status: code,
  body,
  retryAfterMs,
});
const gitBookBody = (code: number, message: string) => ({ error: { code, message } });

describe("GitBook's {error: {code, message}}", () => {
  it('becomes one error with the code as a string, and no fingerprint', () => {
    expect(gitBookErrorDetails(gitBookBody(404, 'Invite not found'))).toEqual({
      errors: [{ code: '404', message: 'Invite not found' }],
    });
  });

  it('tolerates bodies of another shape', () => {
    for (const odd of ['<html>502</html>', {}, { error: 'nope' }, { error: { code: 400 } }, null, [1]]) {
      expect(gitBookErrorDetails(odd)).toEqual({ errors: [] });
    }
    expect(gitBookErrorDetails({ error: { message: 'no code' } })).toEqual({
      errors: [{ code: '', message: 'no code' }],
    });
  });

  it('maps each status to the same tagged classes as TransactionLink', () => {
    const cases: Array<[number, new (...args: never[]) => unknown]> = [
      [400, BadRequest],
      [422, BadRequest],
      [401, Unauthorized],
      [403, Forbidden],
      [404, NotFound],
      [409, Conflict],
      [429, RateLimited],
      [500, ServerError],
      [502, ServerError],
    ];
    for (const [code, tag] of cases) {
      const error = toApiError(status(code, gitBookBody(code, `failed with ${code}`)), context);
      expect(error).toBeInstanceOf(tag);
      expect(error).toMatchObject({
        status: code,
        method: 'GET',
        path: '/orgs/acme/members',
        attempts: 1,
        errors: [{ code: String(code), message: `failed with ${code}` }],
      });
      expect(error.fingerprint).toBeUndefined();
    }
    expect(toApiError(status(408, gitBookBody(408, 'slow')), context)).toBeInstanceOf(Timeout);
  });

  it('reads well: the code that repeats the status is not repeated', () => {
    const error = toApiError(status(404, gitBookBody(404, 'Organization not found')), context);
    expect(error.message).toBe('GET /orgs/acme/members → 404 Organization not found (1 attempt)');
    const limited = toApiError(status(429, gitBookBody(429, 'try again in 60 seconds'), 60_000), context);
    expect(limited).toMatchObject({ _tag: 'RateLimited', retryAfterMs: 60_000 });
    expect(limited.message).toBe(
      'GET /orgs/acme/members → 429 try again in 60 seconds (asked to wait 60 s, 1 attempt)',
    );
  });
});

describe('the GitBook token never shows', () => {
  it('in an error, even when the server echoes it raw, as a Bearer header or percent-encoded', () => {
    const echoed = `got "Bearer ${token}" (${encodeURIComponent(token)}) for ${token}`;
    const error = toApiError(status(401, gitBookBody(401, echoed)), context);
    const printed = [
      String(error),
      JSON.stringify(error),
      error.message,
      error.stack ?? '',
      Inspectable.format(error),
      Cause.pretty(Cause.fail(error)),
    ];
    for (const text of printed) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(encodeURIComponent(token));
    }
    expect(error.errors[0]?.message).toBe('got "Bearer <redacted>" (<redacted>) for <redacted>');
  });

  it('scrub leaves text without the secret alone, and ignores an empty secret', () => {
    expect(scrub('nothing to hide', [Redacted.make(token)])).toBe('nothing to hide');
    expect(scrub('abc', [Redacted.make('')])).toBe('abc');
  });
});
