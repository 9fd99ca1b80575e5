/**
 * Client overhead: the time per call of `@rollcall/client` (its Effect API, and its Promise
 * facade) against the raw generated fetch client, in one process, against one sandbox process on
 * loopback, same calls: `users.list` of a 100-user page and `roles.list`. Rounds interleave the
 * three clients in rotating order (reversed every other round); each round times `iterations`
 * pairs of calls per client; the figure is the ratio of the median round means. The first round
 * warms up and is discarded.
 */
import { TransactionLink } from '@rollcall/client';
import { makeOpenApiSchemas, validate } from '@rollcall/client/openapi-schema';
import { createTransactionLink } from '@rollcall/client/promise';
import { TransactionLinkSdk } from '@rollcall/transactionlink-fetch';
import { createClient } from '@rollcall/transactionlink-fetch/client';
import * as GeneratedSchemas from '@rollcall/transactionlink-fetch/schemas';
import { Effect } from 'effect';
import type { BenchContext } from './lib/context.js';
import { withSandboxProcess } from './lib/processes.js';
import type { Figure } from './lib/report.js';
import { median, round, summarize } from './lib/stats.js';

/** One pair of calls: a 100-user page, then the organization roles. */
interface Contender {
  readonly name: 'raw' | 'effect' | 'promise';
  readonly users: () => Promise<unknown>;
  readonly roles: () => Promise<unknown>;
}

const contenders = (url: string, token: string): ReadonlyArray<Contender> => {
  const sdk = new TransactionLinkSdk({ client: createClient({ baseUrl: url }) });
  const headers = { Authorization: token };
  const service = Effect.runSync(TransactionLink.make({ token, baseUrl: url }));
  const facade = createTransactionLink({ token, baseUrl: url });
  const query = { page: 0, size: 100 };
  return [
    {
      name: 'raw',
      users: () => sdk.listUsers({ headers, query, throwOnError: true }),
      roles: () => sdk.listOrganizationRoles({ headers, throwOnError: true }),
    },
    {
      name: 'effect',
      users: () => Effect.runPromise(service.users.list(query)),
      roles: () => Effect.runPromise(service.roles.list()),
    },
    { name: 'promise', users: () => facade.users.list(query), roles: () => facade.roles.list() },
  ];
};

/** A realistic round trip to a vendor's API, to weigh the client's own per-call costs against. */
const REALISTIC_RTT_MS = 20;

/**
 * What checking a 100-user page against the spec costs, in ms per page: `validate` (a conformance check, then Effect Schema's decoder on a miss),
 * as the client runs it on every response (median of rounds of `calls` validations).
 */
const decodeCost = async (url: string, token: string, calls: number, rounds: number): Promise<Array<number>> => {
  const sdk = new TransactionLinkSdk({ client: createClient({ baseUrl: url }) });
  const { data: body } = await sdk.listUsers({
    headers: { Authorization: token },
    query: { page: 0, size: 100 },
    throwOnError: true,
  });
  const schemas = makeOpenApiSchemas(
    Object.fromEntries(Object.entries(GeneratedSchemas).map(([name, schema]) => [name.replace(/Schema$/, ''), schema])),
  );
  const page = schemas.named('UserPageResponse');
  const samples: Array<number> = [];
  for (let round = 0; round <= rounds; round++) {
    const started = performance.now();
    for (let call = 0; call < calls; call++) validate(page, body);
    if (round > 0) samples.push((performance.now() - started) / calls); // round 0 warms up
  }
  return samples;
};

export const clientOverhead = async (context: BenchContext): Promise<Array<Figure>> => {
  const { iterations, runs } = context.settings;
  const rounds = Math.max(5, runs * 3);
  return withSandboxProcess({ seed: 'bench', users: 1000 }, async (sandbox) => {
    const clients = contenders(sandbox.url, sandbox.token);
    const perCall: Record<string, { users: Array<number>; roles: Array<number> }> = {};
    for (const client of clients) perCall[client.name] = { users: [], roles: [] };
    for (let round = 0; round <= rounds; round++) {
      // Rotated, and reversed every other round: each client follows each other one as often,
      // so none keeps inheriting the garbage its predecessor left.
      const rotated = clients.map((_, i) => clients[(round + i) % clients.length]!);
      for (const client of round % 2 === 0 ? rotated : rotated.reverse()) {
        let usersMs = 0;
        let rolesMs = 0;
        for (let call = 0; call < iterations; call++) {
          let started = performance.now();
          await client.users();
          usersMs += performance.now() - started;
          started = performance.now();
          await client.roles();
          rolesMs += performance.now() - started;
        }
        if (round === 0) continue; // warm-up
        perCall[client.name]!.users.push(usersMs / iterations);
        perCall[client.name]!.roles.push(rolesMs / iterations);
      }
    }
    const pair = (name: string) => median(perCall[name]!.users) + median(perCall[name]!.roles);
    const decodeMs = await decodeCost(sandbox.url, sandbox.token, Math.max(100, iterations * 2), rounds);
    const detail = Object.fromEntries(
      Object.entries(perCall).map(([name, samples]) => [
        name,
        {
          usersListMs: summarize(samples.users.map((ms) => round(ms, 3))),
          rolesListMs: summarize(samples.roles.map((ms) => round(ms, 3))),
        },
      ]),
    );
    const setting = { rounds, callsPerRound: iterations, page: 'users.list size 100 + roles.list' };
    context.say(
      `client overhead: raw ${round(pair('raw'), 3)} ms, effect ${round(pair('effect'), 3)} ms, promise ${round(pair('promise'), 3)} ms per pair`,
    );
    context.say(
      `client decoding: ${round(median(decodeMs) * 1000, 1)} µs per 100-user page, ${round((median(decodeMs) / REALISTIC_RTT_MS) * 100, 2)} % of a ${REALISTIC_RTT_MS} ms round trip`,
    );
    return [
      {
        id: 'client.decode.usersPage',
        label: 'checking a 100-user page against the spec (conformance check, Effect Schema on a miss), per page',
        value: median(decodeMs) * 1000,
        unit: 'µs',
        detail: { samplesMs: summarize(decodeMs.map((ms) => round(ms, 4))) },
      },
      {
        id: 'client.decode.rtt20',
        label: `a users page at a realistic ${REALISTIC_RTT_MS} ms round trip, with its decoding ÷ without`,
        value: (REALISTIC_RTT_MS + median(decodeMs)) / REALISTIC_RTT_MS,
        unit: '×',
      },
      {
        id: 'client.raw',
        label: 'raw generated client, users.list(100) + roles.list',
        value: pair('raw'),
        unit: 'ms',
        detail: { ...setting, perCall: detail },
      },
      {
        id: 'client.effect.ratio',
        label: '@rollcall/client Effect API ÷ raw, per call',
        value: pair('effect') / pair('raw'),
        unit: '×',
        goal: { op: '<=', limit: 1.15 },
        detail: {
          usersList: median(perCall.effect!.users) / median(perCall.raw!.users),
          rolesList: median(perCall.effect!.roles) / median(perCall.raw!.roles),
        },
      },
      {
        id: 'client.promise.ratio',
        label: '@rollcall/client Promise facade ÷ raw, per call',
        value: pair('promise') / pair('raw'),
        unit: '×',
        goal: { op: '<=', limit: 1.15 },
        detail: {
          usersList: median(perCall.promise!.users) / median(perCall.raw!.users),
          rolesList: median(perCall.promise!.roles) / median(perCall.raw!.roles),
        },
      },
    ];
  });
};
