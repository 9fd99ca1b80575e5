/** Test helpers for the GitBook API: the generated SDK pointed at a sandbox, raw HTTP, and spec schemas. */
import { formatIssues, makeOpenApiSchemas, validate } from '@rollcall/client/openapi-schema';
import { GitBookSdk } from '@rollcall/gitbook-fetch';
import { createClient } from '@rollcall/gitbook-fetch/client';
import { Either } from 'effect';
import type { OpenApiDocument } from '../../src/core/openapi/document.js';
import { loadPackageJson } from '../../src/core/openapi/load-json.js';
import type { Sandbox } from '../../src/index.js';

/** The generated GitBook SDK against `sandbox`, authenticated as `token` (default: the admin's; none when null). */
export function gitBookSdk(sandbox: Sandbox, token: string | null = sandbox.gitbook.token): GitBookSdk {
  return new GitBookSdk({
    client: createClient({ baseUrl: sandbox.gitbook.url, ...(token === null ? {} : { auth: token }) }),
  });
}

/** A raw GitBook request (path after `/v1`), with the admin's Bearer token unless `headers` say otherwise. */
export const gitBookCall = (sandbox: Sandbox, path: string, init: RequestInit = {}): Promise<Response> =>
  fetch(`${sandbox.gitbook.url}${path}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${sandbox.gitbook.token}`,
      ...(init.body ? { 'Content-Type': 'application/json' } : {}),
      ...init.headers,
    },
  });

/** `/orgs/<the sandbox's organization><rest>`. */
export const orgPath = (sandbox: Sandbox, rest = ''): string => `/orgs/${sandbox.gitbook.organizationId}${rest}`;

export const gitBookSpec = loadPackageJson('@rollcall/gitbook-fetch/openapi.json') as OpenApiDocument;
const schemas = makeOpenApiSchemas(gitBookSpec.components?.schemas ?? {});

/** `''` when `value` is a valid `#/components/schemas/<name>` of the GitBook spec, else the issues. */
export function gitBookIssuesAgainst(name: string, value: unknown): string {
  const result = validate(schemas.named(name), value);
  return Either.isLeft(result) ? formatIssues(result.left) : '';
}

export const gitBookSchemaFor = schemas.of;

/** Every item of a GitBook list, following `next.page` until there is none. */
export async function allItems<T>(
  fetchPage: (page: string | undefined) => Promise<{ items: T[]; next?: { page: string } }>,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let pages = 0;
  let page: string | undefined;
  do {
    const body = await fetchPage(page);
    pages++;
    items.push(...body.items);
    page = body.next?.page;
  } while (page !== undefined);
  return { items, pages };
}

/** The three `X-RateLimit-*` headers of a response, and whether it has `Retry-After`. */
export const rateLimitHeaders = (response: Response) => ({
  limit: response.headers.get('x-ratelimit-limit'),
  remaining: response.headers.get('x-ratelimit-remaining'),
  reset: response.headers.get('x-ratelimit-reset'),
  retryAfter: response.headers.get('retry-after'),
});
