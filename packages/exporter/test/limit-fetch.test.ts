import { describe, expect, it } from 'vitest';
import { FetchLimiter } from '../src/internal/limit-fetch.js';

/** A fetch whose responses are released by hand, recording what was sent and how many at once. */
const manualFetch = () => {
  const pending: Array<{ url: string; answer: () => void }> = [];
  const sent: Array<string> = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const fetchFn = ((input: string) =>
    new Promise<Response>((resolve) => {
      sent.push(input);
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      pending.push({
        url: input,
        answer: () => {
          inFlight--;
          resolve(new Response('{}'));
        },
      });
    })) as unknown as typeof globalThis.fetch;
  /** Answers the oldest request and lets the limiter hand its permit on. */
  const answerOne = async () => {
    pending.shift()?.answer();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { fetchFn, sent, answerOne, mostInFlight: () => mostInFlight };
};

describe('FetchLimiter', () => {
  it('keeps at most `limit` requests in flight and gives a freed permit to lane 0 before lane 1', async () => {
    const server = manualFetch();
    const limiter = new FetchLimiter(server.fetchFn, 2, 2);
    const [first, later] = [limiter.lane(0), limiter.lane(1)];
    const responses = [
      later('later-1'),
      first('first-1'),
      later('later-2'),
      first('first-2'),
      first('first-3'),
      later('later-3'),
    ];
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(server.sent).toEqual(['later-1', 'first-1']);
    for (let i = 0; i < 6; i++) await server.answerOne();
    await Promise.all(responses);
    expect(server.sent).toEqual(['later-1', 'first-1', 'first-2', 'first-3', 'later-2', 'later-3']);
    expect(server.mostInFlight()).toBe(2);
  });

  it('frees the permit of a request that failed', async () => {
    let calls = 0;
    const limiter = new FetchLimiter(
      (async () => {
        calls++;
        throw new TypeError('fetch failed');
      }) as typeof globalThis.fetch,
      1,
    );
    const fetch = limiter.lane(0);
    await expect(fetch('a')).rejects.toThrow('fetch failed');
    await expect(fetch('b')).rejects.toThrow('fetch failed');
    expect(calls).toBe(2);
  });
});
