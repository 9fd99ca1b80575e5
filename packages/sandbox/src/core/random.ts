/**
 * Seeded pseudo-random numbers: the same seed and stream name give the same sequence on every
 * runtime. Streams keep unrelated consumers (seed data, fingerprints, random faults) from
 * shifting each other's sequences.
 */
export interface Random {
  /** A float in [0, 1). */
  readonly next: () => number;
  /** An integer in [0, max). */
  readonly int: (max: number) => number;
  /** True with probability `p`. */
  readonly chance: (p: number) => boolean;
  readonly pick: <T>(values: ReadonlyArray<T>) => T;
  /** A version 4 UUID, lower case. */
  readonly uuid: () => string;
  /** `length` characters from `alphabet`. */
  readonly string: (length: number, alphabet: string) => string;
}

/** 128 bits of state from a string (cyrb128). */
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

const hex32 = (n: number): string =>
  HEX[(n >>> 24) & 0xff]! + HEX[(n >>> 16) & 0xff]! + HEX[(n >>> 8) & 0xff]! + HEX[n & 0xff]!;

/** A generator (sfc32) for `seed`, independent per `stream`. */
export function makeRandom(seed: string | number, stream: string): Random {
  let [a, b, c, d] = hash128(`${String(seed)}\u0000${stream}`);
  const uint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) uint32();

  const next = () => uint32() / 4294967296;
  const int = (max: number) => Math.floor(next() * max);
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (values) => values[int(values.length)] as (typeof values)[number],
    uuid: () => {
      const w1 = uint32();
      const w2 = (uint32() & 0xffff0fff) | 0x00004000;
      const w3 = (uint32() & 0x3fffffff) | 0x80000000;
      const w4 = uint32();
      const h2 = hex32(w2);
      const h3 = hex32(w3);
      return `${hex32(w1)}-${h2.slice(0, 4)}-${h2.slice(4)}-${h3.slice(0, 4)}-${h3.slice(4)}${hex32(w4)}`;
    },
    string: (length, alphabet) => {
      let out = '';
      for (let i = 0; i < length; i++) out += alphabet[int(alphabet.length)];
      return out;
    },
  };
}
