/**
 * Every operation of the bundled TransactionLink spec, driven to its success answer and to each
 * error answer it can give, with every body checked against the schema the spec declares for
 * that status. The operations come from the spec itself, so a new operation is covered (or
 * fails here). GitBook's: gitbook-spec-conformance.test.ts.
 */
import type { JsonSchema } from '@rollcall/client/openapi-schema';
import { describe, expect, it } from 'vitest';
import { type Operation, readOperations } from '../src/core/openapi/operations.js';
import { type Sandbox, startSandbox } from '../src/index.js';
import { requiredScopes } from '../src/transactionlink/scopes.js';
import { type Exchange, exampleOf, idCombinations, nonConformance, send as sendTo } from './support/conformance.js';
import { schemaFor, spec } from './support/spec-schemas.js';

const operations = readOperations(spec);
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** Ids the sandbox knows, by path parameter name; several candidates where rules depend on state. */
async function candidateIds(sandbox: Sandbox): Promise<Record<string, string[]>> {
  const get = async (path: string) =>
    (await fetch(`${sandbox.url}${path}`, { headers: { Authorization: sandbox.token } })).json();
  const users = (await get('/organizations/users?size=100')).content as Array<{ id: string; status: string }>;
  const pending = (await get('/organizations/enrollments')).content as Array<{ enrollmentId: string }>;
  const workspaces = (await get('/organizations/workspaces')) as Array<{ id: string }>;
  return {
    userId: [
      users.find((u) => u.status === 'ACTIVE' && u !== users[0])!.id,
      users.find((u) => u.status === 'TERMINATED')!.id,
    ],
    enrollmentId: [pending[0]!.enrollmentId],
    workspaceId: [workspaces[0]!.id],
  };
}

/** A valid example of a request body schema: required properties, plus optional plain strings. */
async function exampleBody(sandbox: Sandbox, schema: JsonSchema): Promise<unknown> {
  const roles = (await (
    await fetch(`${sandbox.url}/organizations/roles`, { headers: { Authorization: sandbox.token } })
  ).json()) as Array<{ id: string; name: string }>;
  let emails = 0;
  return exampleOf(spec, schema, (name, target) => {
    if (target.format === 'uuid') return name === 'roleId' ? roles.find((r) => r.name === 'member')!.id : UNKNOWN_ID;
    if (name === 'email') return `conformance.${++emails}@example.com`;
    return `Conformance ${name}, "quoted"`;
  });
}

const send = (
  sandbox: Sandbox,
  operation: Operation,
  label: string,
  options: { ids: Record<string, string>; token?: string; body?: string; query?: string },
): Promise<Exchange> => {
  const { token, ...rest } = options;
  return sendTo(sandbox.url, operation, label, { ...rest, ...(token === undefined ? {} : { authorization: token }) });
};

describe('every operation of the TransactionLink spec answers as the spec declares', () => {
  it('the spec has operations, each with a declared success answer', () => {
    expect(operations.length).toBeGreaterThan(0);
    for (const operation of operations) {
      expect(
        Object.keys(operation.responses).some((status) => status.startsWith('2')),
        operation.id,
      ).toBe(true);
    }
  });

  it.each(operations.map((operation) => [operation.id, operation] as const))('%s', async (_, operation) => {
    const sandbox = await startSandbox({ seed: `conformance-${operation.id}`, users: 30 });
    try {
      const candidates = await candidateIds(sandbox);
      const pathNames = operation.parameters.filter((p) => p.in === 'path').map((p) => p.name);
      for (const name of pathNames) expect(candidates[name], `ids for path parameter ${name}`).toBeDefined();
      const mediaSchema = operation.requestBody?.content?.['application/json']?.schema;
      const body = mediaSchema ? JSON.stringify(await exampleBody(sandbox, mediaSchema)) : undefined;
      const exchanges: Exchange[] = [];

      // Success: try the candidate ids until one satisfies the operation's rules (e.g. a terminated user to reinstate).
      const combinations = idCombinations(pathNames, candidates);
      let validIds: Record<string, string> = {};
      for (const ids of combinations) {
        const exchange = await send(sandbox, operation, `success with ${JSON.stringify(ids)}`, {
          ids,
          token: sandbox.token,
          ...(body === undefined ? {} : { body }),
        });
        exchanges.push(exchange);
        validIds = ids;
        if (exchange.status < 300) break;
      }
      const success = exchanges.at(-1)!;
      expect(success.status, `${operation.id} success; got ${success.text}`).toBeLessThan(300);

      exchanges.push(await send(sandbox, operation, 'no token', { ids: validIds }));
      if (requiredScopes(operation).length > 0) {
        exchanges.push(await send(sandbox, operation, 'no scopes', { ids: validIds, token: sandbox.issueToken([]) }));
      }
      if (pathNames.length > 0) {
        const unknown = Object.fromEntries(pathNames.map((name) => [name, UNKNOWN_ID]));
        const invalid = Object.fromEntries(pathNames.map((name) => [name, 'not-a-uuid']));
        exchanges.push(
          await send(sandbox, operation, 'unknown id', {
            ids: unknown,
            token: sandbox.token,
            ...(body ? { body } : {}),
          }),
          await send(sandbox, operation, 'invalid id', { ids: invalid, token: sandbox.token }),
        );
      }
      if (body !== undefined) {
        exchanges.push(
          await send(sandbox, operation, 'bad JSON', { ids: validIds, token: sandbox.token, body: '{' }),
          await send(sandbox, operation, 'wrong body', { ids: validIds, token: sandbox.token, body: '[1]' }),
        );
      }
      if (operation.parameters.some((p) => p.name === 'page')) {
        exchanges.push(
          await send(sandbox, operation, 'bad page', { ids: validIds, token: sandbox.token, query: '?page=x' }),
        );
      }
      sandbox.control.setFaults({ rateLimit: { requestsPerSecond: 0.001, burst: 1 } });
      exchanges.push(
        await send(sandbox, operation, 'within the rate limit', {
          ids: validIds,
          token: sandbox.token,
          query: '?page=x',
        }),
        await send(sandbox, operation, 'rate limited', { ids: validIds, token: sandbox.token }),
      );
      sandbox.control.setFaults({ rules: [{ match: {}, fault: { kind: 'status', status: 500 } }] });
      exchanges.push(await send(sandbox, operation, 'server error', { ids: validIds, token: sandbox.token }));

      const statuses = new Set(exchanges.map((exchange) => exchange.status));
      expect(statuses).toContain(401);
      expect(statuses).toContain(429);
      expect(statuses).toContain(500);
      if (pathNames.length > 0) expect([...statuses]).toEqual(expect.arrayContaining([400, 404]));
      expect(exchanges.map((exchange) => nonConformance(operation, exchange, schemaFor)).filter(Boolean)).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });
});
