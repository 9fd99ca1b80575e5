import { ConfigProvider, Effect, Either, Inspectable, Layer, Redacted } from 'effect';
import { describe, expect, it } from 'vitest';
import { ConfigError, TransactionLink, TransactionLinkConfig } from '../src/index.js';
import { createTransactionLink } from '../src/promise.js';

const token = `tot_${'A1b2'.repeat(13)}`;

const configError = (effect: Effect.Effect<unknown, ConfigError>) => {
  const result = Effect.runSync(Effect.either(effect));
  if (Either.isRight(result)) throw new Error('expected a ConfigError');
  expect(result.left).toBeInstanceOf(ConfigError);
  return result.left;
};

const fromEnv = (env: Record<string, string>, overrides = {}) =>
  TransactionLinkConfig.fromEnv(overrides).pipe(
    Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))),
  );

describe('token validation', () => {
  it('accepts tot_ and 52 non-whitespace characters, as a string or a Redacted', () => {
    for (const input of [token, Redacted.make(token)]) {
      const config = Effect.runSync(TransactionLinkConfig.make({ token: input }));
      expect(Redacted.value(config.token)).toBe(token);
      expect(config.baseUrl).toBe('https://api.transactionlink.io');
    }
  });

  it('names the problem without repeating the token', () => {
    const cases: Array<[string, RegExp]> = [
      [`Bearer ${token}`, /without a "Bearer " prefix/],
      [`xyz_${'a'.repeat(52)}`, /must start with "tot_"/],
      [`${token}\n`, /whitespace/],
      [`tot_${'a'.repeat(26)} ${'a'.repeat(25)}`, /whitespace/],
      [`tot_${'a'.repeat(51)}`, /52 characters; it has 51/],
      [`${token}x`, /52 characters; it has 53/],
      ['', /must start with "tot_"/],
    ];
    for (const [bad, problem] of cases) {
      const error = configError(TransactionLinkConfig.make({ token: bad }));
      expect(error).toMatchObject({ setting: 'token' });
      expect(error.message).toMatch(problem);
      if (bad.length > 8) {
        for (const text of [error.message, String(error), JSON.stringify(error)])
          expect(text).not.toContain(bad.trim());
      }
    }
  });

  it('keeps the token out of the printed configuration', () => {
    const config = Effect.runSync(TransactionLinkConfig.make({ token }));
    for (const text of [String(config.token), JSON.stringify(config), Inspectable.format(config)]) {
      expect(text).not.toContain(token);
    }
  });
});

describe('base URL validation', () => {
  it('accepts https anywhere and http on loopback only, without a trailing slash', () => {
    const baseUrl = (url: string) => Effect.runSync(TransactionLinkConfig.make({ token, baseUrl: url })).baseUrl;
    expect(baseUrl('https://api.example.com/')).toBe('https://api.example.com');
    expect(baseUrl('https://proxy.example.com/tl/')).toBe('https://proxy.example.com/tl');
    expect(baseUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(baseUrl('http://127.3.2.1')).toBe('http://127.3.2.1');
    expect(baseUrl('http://localhost:3000')).toBe('http://localhost:3000');
    expect(baseUrl('http://[::1]:3000')).toBe('http://[::1]:3000');
  });

  it('rejects plain http to other hosts, credentials, queries and non-URLs', () => {
    const problem = (url: string) => configError(TransactionLinkConfig.make({ token, baseUrl: url }));
    expect(problem('http://api.example.com').message).toMatch(/must use https .* got http:\/\/api\.example\.com/);
    expect(problem('http://127.0.0.1.example.com').message).toMatch(/must use https/);
    expect(problem('ftp://127.0.0.1').message).toMatch(/must use https/);
    expect(problem('https://user:hunter2@api.example.com').message).not.toContain('hunter2');
    expect(problem('https://api.example.com?x=1').message).toMatch(/query/);
    expect(problem('api.example.com')).toMatchObject({ setting: 'baseUrl' });
  });
});

describe('settings validation', () => {
  it('rejects unusable timeouts, deadlines and retry policies, naming them', () => {
    expect(configError(TransactionLinkConfig.make({ token, timeout: 0 }))).toMatchObject({ setting: 'timeout' });
    expect(configError(TransactionLinkConfig.make({ token, deadline: 'later' as never }))).toMatchObject({
      setting: 'deadline',
    });
    expect(configError(TransactionLinkConfig.make({ token, retry: { retries: -1 } }))).toMatchObject({
      setting: 'retry',
    });
  });

  it('merges a partial retry policy over the defaults', () => {
    const config = Effect.runSync(
      TransactionLinkConfig.make({ token, retry: { retries: 5, jitter: undefined }, timeout: '2 seconds' }),
    );
    expect(config.settings.retry).toEqual({
      retries: 5,
      baseDelayMs: 250,
      maxDelayMs: 8000,
      maxRetryAfterMs: 60_000,
      jitter: true,
    });
    expect(config.settings.timeoutMs).toBe(2000);
    expect(config.settings.deadlineMs).toBeUndefined();
  });
});

describe('configuration from the environment', () => {
  it('reads TRANSACTIONLINK_TOKEN and TRANSACTIONLINK_BASE_URL', () => {
    const config = Effect.runSync(
      fromEnv({ TRANSACTIONLINK_TOKEN: token, TRANSACTIONLINK_BASE_URL: 'http://127.0.0.1:4010/' }),
    );
    expect(Redacted.value(config.token)).toBe(token);
    expect(config.baseUrl).toBe('http://127.0.0.1:4010');
    expect(Effect.runSync(fromEnv({ TRANSACTIONLINK_TOKEN: token })).baseUrl).toBe('https://api.transactionlink.io');
  });

  it('names the variable that is missing or wrong', () => {
    expect(configError(fromEnv({})).message).toMatch(/TRANSACTIONLINK_TOKEN is not set/);
    expect(configError(fromEnv({ TRANSACTIONLINK_TOKEN: 'tot_short' }))).toMatchObject({
      setting: 'TRANSACTIONLINK_TOKEN',
    });
    expect(
      configError(fromEnv({ TRANSACTIONLINK_TOKEN: token, TRANSACTIONLINK_BASE_URL: 'http://example.com' })),
    ).toMatchObject({ setting: 'TRANSACTIONLINK_BASE_URL' });
  });

  it('lets overrides win over the environment', () => {
    const config = Effect.runSync(
      fromEnv({ TRANSACTIONLINK_BASE_URL: 'http://example.com' }, { token, baseUrl: 'http://localhost:1' }),
    );
    expect(config.baseUrl).toBe('http://localhost:1');
  });

  it('fails the layer with the ConfigError before any request', () => {
    const error = configError(
      Layer.build(TransactionLink.layerFromEnv()).pipe(
        Effect.scoped,
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map())),
      ),
    );
    expect(error.setting).toBe('TRANSACTIONLINK_TOKEN');
  });
});

describe('Promise facade configuration', () => {
  it('throws the ConfigError itself', () => {
    expect(() => createTransactionLink({ token: 'nope' })).toThrow(ConfigError);
  });
});
