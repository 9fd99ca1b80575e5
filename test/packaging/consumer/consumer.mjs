// A library consumer outside the monorepo: the Promise facade and the Effect API, as installed.
import { TransactionLink } from '@rollcall/client';
import { createTransactionLink } from '@rollcall/client/promise';
import { Chunk, Effect, Stream } from 'effect';

const token = process.env.TRANSACTIONLINK_TOKEN ?? '';
const baseUrl = process.env.TRANSACTIONLINK_BASE_URL;

let viaPromise = 0;
for await (const user of createTransactionLink({ token, baseUrl }).users.stream()) {
  if (typeof user.email === 'string') viaPromise++;
}

const viaEffect = await Effect.gen(function* () {
  const tl = yield* TransactionLink;
  return Chunk.size(yield* Stream.runCollect(tl.users.stream({ concurrency: 2 })));
}).pipe(Effect.provide(TransactionLink.layer({ token, baseUrl })), Effect.runPromise);

console.log(JSON.stringify({ viaPromise, viaEffect }));
