/**
 * Client overhead: the time per call of `@rollcall/client` (its Effect API, and its Promise
 * facade) against the raw generated fetch client, in one process, against one sandbox process on
 * loopback, same calls: `users.list` of a 100-user page and `roles.list`. Rounds interleave the
 * three clients in rotating order (reversed every other round); each round times `iterations`
 * pairs of calls per client; the figure is the ratio of the median round means. The first round
 * warms up and is discarded.
 */
import { TransactionLink } from '@rollcall/client';
import { createTransactionLink } from '@rollcall/client/promise';
import { TransactionLinkSdk } from '@rollcall/transactionlink-fetch';
import { createClient } from '@rollcall/transactionlink-fetch/client';
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
    return [
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
