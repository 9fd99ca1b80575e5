import { ConfigProvider, Effect, Either, Inspectable, Layer, Redacted } from 'effect';
import { describe, expect, it } from 'vitest';
import { ConfigError, GitBookConfig, GitBookInvites } from '../src/index.js';
import { createGitBookInvites } from '../src/promise.js';

const token = 'gb_api_Zq9xLr2m7TvW4kPaN8sY3eHc6uJd1fBo5gXiKl0';
const organizationId = 'x4Kd9s_Org-01';

const configError = (effect: Effect.Effect<unknown, ConfigError>) => {
  const result = Effect.runSync(Effect.either(effect));
  if (Either.isRight(result)) throw new Error('expected a ConfigError');
  expect(result.left).toBeInstanceOf(ConfigError);
  return result.left;
};

const fromEnv = (env: Record<string, string>, overrides = {}) =>
  GitBookConfig.fromEnv(overrides).pipe(
    Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))),
  );

describe('GitBook token', () => {
  it('accepts any non-empty token without whitespace, as a string or a Redacted', () => {
    for (const input of [token, Redacted.make(token), 'x']) {
      const config = Effect.runSync(GitBookConfig.make({ token: input, organizationId }));
      expect(Redacted.value(config.token)).toBe(Redacted.isRedacted(input) ? Redacted.value(input) : input);
      expect(config.baseUrl).toBe('https://api.gitbook.com/v1');
      expect(config.organizationId).toBe(organizationId);
    }
  });

  it('names the problem without repeating the token', () => {
    const cases: Array<[string, RegExp]> = [
      ['', /must not be empty/],
      [`Bearer ${token}`, /without a "Bearer " prefix/],
      [`bearer\t${token}`, /without a "Bearer " prefix/],
      [`${token}\n`, /whitespace \(a trailing newline/],
      [`${token.slice(0, 10)} ${token.slice(10)}`, /whitespace/],
    ];
    for (const [bad, problem] of cases) {
      const error = configError(GitBookConfig.make({ token: bad, organizationId }));
      expect(error).toMatchObject({ setting: 'token' });
      expect(error.message).toMatch(problem);
      for (const text of [error.message, String(error), JSON.stringify(error)]) {
        expect(text).not.toContain(token.slice(0, 12));
      }
    }
  });

  it('keeps the token and its Bearer form out of the printed configuration and client', () => {
    const config = Effect.runSync(GitBookConfig.make({ token, organizationId }));
    const client = createGitBookInvites({ token, organizationId });
    for (const text of [
      String(config.token),
      JSON.stringify(config),
      Inspectable.format(config),
      Inspectable.format(client.config),
    ]) {
      expect(text).not.toContain(token);
    }
  });
});

describe('GitBook organization id', () => {
  it('accepts letters, digits, _ and -', () => {
    for (const id of ['abc', 'A-1_b', '0']) {
      expect(Effect.runSync(GitBookConfig.make({ token, organizationId: id })).organizationId).toBe(id);
    }
  });

  it('rejects anything else, naming the setting', () => {
    for (const id of ['', 'my org', 'org/1', '../x', 'ørg', 'a?b']) {
      const error = configError(GitBookConfig.make({ token, organizationId: id }));
      expect(error).toMatchObject({ setting: 'organizationId' });
      expect(error.message).toMatch(id === '' ? /must not be empty/ : /letters, digits, "_" and "-"/);
    }
  });
});

describe('GitBook base URL', () => {
  it('includes /v1 by default; https anywhere, http on loopback only, no trailing slash', () => {
    const baseUrl = (url: string) =>
      Effect.runSync(GitBookConfig.make({ token, organizationId, baseUrl: url })).baseUrl;
    expect(baseUrl('https://api.gitbook.com/v1/')).toBe('https://api.gitbook.com/v1');
    expect(baseUrl('http://127.0.0.1:4010/v1')).toBe('http://127.0.0.1:4010/v1');
    expect(baseUrl('http://[::1]:4010/v1')).toBe('http://[::1]:4010/v1');
    expect(baseUrl('http://localhost/v1')).toBe('http://localhost/v1');
  });

  it('rejects plain http to other hosts and credentials in the URL', () => {
    const problem = (url: string) => configError(GitBookConfig.make({ token, organizationId, baseUrl: url }));
    expect(problem('http://api.gitbook.com/v1')).toMatchObject({ setting: 'baseUrl' });
    expect(problem('http://api.gitbook.com/v1').message).toMatch(/must use https/);
    expect(problem(`https://${token}@api.gitbook.com/v1`).message).not.toContain(token);
  });

  it('validates the shared settings too', () => {
    expect(configError(GitBookConfig.make({ token, organizationId, timeout: 0 }))).toMatchObject({
      setting: 'timeout',
    });
    expect(
      configError(GitBookConfig.make({ token, organizationId, retry: { maxRetryAfter: 'soon' as never } })),
    ).toMatchObject({ setting: 'retry' });
  });
});

describe('GitBook configuration from the environment', () => {
  it('reads GITBOOK_TOKEN, GITBOOK_ORGANIZATION_ID and GITBOOK_BASE_URL', () => {
    const config = Effect.runSync(
      fromEnv({
        GITBOOK_TOKEN: token,
        GITBOOK_ORGANIZATION_ID: organizationId,
        GITBOOK_BASE_URL: 'http://127.0.0.1:9/v1',
      }),
    );
    expect(Redacted.value(config.token)).toBe(token);
    expect(config.organizationId).toBe(organizationId);
    expect(config.baseUrl).toBe('http://127.0.0.1:9/v1');
    const defaults = Effect.runSync(fromEnv({ GITBOOK_TOKEN: token, GITBOOK_ORGANIZATION_ID: organizationId }));
    expect(defaults.baseUrl).toBe('https://api.gitbook.com/v1');
    const blankUrl = fromEnv({ GITBOOK_TOKEN: token, GITBOOK_ORGANIZATION_ID: organizationId, GITBOOK_BASE_URL: ' ' });
    expect(Effect.runSync(blankUrl).baseUrl).toBe('https://api.gitbook.com/v1');
  });

  it('names the variable that is missing or wrong', () => {
    expect(configError(fromEnv({ GITBOOK_ORGANIZATION_ID: organizationId }))).toMatchObject({
      setting: 'GITBOOK_TOKEN',
      message: expect.stringMatching(/GITBOOK_TOKEN is not set/),
    });
    expect(configError(fromEnv({ GITBOOK_TOKEN: token }))).toMatchObject({
      setting: 'GITBOOK_ORGANIZATION_ID',
      message: expect.stringMatching(/GITBOOK_ORGANIZATION_ID is not set/),
    });
    expect(
      configError(fromEnv({ GITBOOK_TOKEN: `${token}\n`, GITBOOK_ORGANIZATION_ID: organizationId })),
    ).toMatchObject({ setting: 'GITBOOK_TOKEN' });
    expect(configError(fromEnv({ GITBOOK_TOKEN: token, GITBOOK_ORGANIZATION_ID: 'a b' }))).toMatchObject({
      setting: 'GITBOOK_ORGANIZATION_ID',
    });
    expect(
      configError(
        fromEnv({
          GITBOOK_TOKEN: token,
          GITBOOK_ORGANIZATION_ID: organizationId,
          GITBOOK_BASE_URL: 'http://gitbook.example',
        }),
      ),
    ).toMatchObject({ setting: 'GITBOOK_BASE_URL' });
  });

  it('lets overrides win over the environment, and names the option then', () => {
    const config = Effect.runSync(
      fromEnv({ GITBOOK_TOKEN: 'env-token', GITBOOK_ORGANIZATION_ID: 'envOrg' }, { organizationId: 'codeOrg' }),
    );
    expect(config.organizationId).toBe('codeOrg');
    expect(Redacted.value(config.token)).toBe('env-token');
    expect(configError(fromEnv({ GITBOOK_TOKEN: token }, { organizationId: 'a b' }))).toMatchObject({
      setting: 'organizationId',
    });
  });

  it('fails the layer with the ConfigError before any request', () => {
    const error = configError(
      Layer.build(GitBookInvites.layerFromEnv()).pipe(
        Effect.scoped,
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map())),
      ),
    );
    expect(error.setting).toBe('GITBOOK_TOKEN');
  });
});

describe('GitBook Promise facade configuration', () => {
  it('throws the ConfigError itself', () => {
    expect(() => createGitBookInvites({ token: 'Bearer x', organizationId })).toThrow(ConfigError);
    expect(() => createGitBookInvites({ token, organizationId: 'no/slashes' })).toThrow(/organizationId/);
  });
});
