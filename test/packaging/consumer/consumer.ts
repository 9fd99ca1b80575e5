// The consumer's types, checked under moduleResolution nodenext and bundler.
import { TransactionLink } from '@rollcall/client';
import { createTransactionLink, NotFound } from '@rollcall/client/promise';
import { Effect, Stream } from 'effect';

export const countUsers = async (token: string, baseUrl: string): Promise<number> => {
  let count = 0;
  for await (const user of createTransactionLink({ token, baseUrl }).users.stream()) {
    const email: string | undefined = user.email ?? undefined;
    if (email !== undefined) count++;
  }
  return count;
};

export const isNotFound = (error: unknown): boolean => error instanceof NotFound;

export const users = (token: string, baseUrl: string) =>
  Effect.gen(function* () {
    const tl = yield* TransactionLink;
    return yield* Stream.runCollect(tl.users.stream({ concurrency: 2 }));
  }).pipe(Effect.provide(TransactionLink.layer({ token, baseUrl })));
