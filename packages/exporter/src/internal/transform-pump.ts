/**
 * Drives a Node Transform stream (csv-parse) synchronously: write a chunk, then
 * take whatever it produced. Its transforms run synchronously inside `write`, so the output is
 * there at once; what a stream still holds back (high-water mark, flush) comes out at `finish`.
 */
import type { Transform } from 'node:stream';

/** Everything the stream has produced so far. */
export const takeOutput = (stream: Transform): Array<unknown> => {
  const output: Array<unknown> = [];
  let chunk: unknown;
  while ((chunk = stream.read()) !== null) output.push(chunk);
  return output;
};

/** Ends the stream and resolves with the rest of its output; rejects with the stream's error. */
export const finishOutput = async (stream: Transform): Promise<Array<unknown>> => {
  stream.end();
  const output: Array<unknown> = [];
  for await (const chunk of stream) output.push(chunk);
  return output;
};
