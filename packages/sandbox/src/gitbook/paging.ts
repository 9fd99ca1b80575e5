/**
 * GitBook's cursor paging: `limit` (1..1000, default 50), `page` an opaque cursor from the
 * previous answer's `next.page`. A cursor names the list it belongs to and the id the next page
 * starts after, with a seeded signature, so a cursor the sandbox did not issue (or one from
 * another list) is refused with 400 rather than read. Not a security boundary: a sandbox.
 */
import { Buffer } from 'node:buffer';
import { ApiFailure } from '../core/api-failure.js';
import { VALIDATION_ERROR } from '../core/openapi/request-validator.js';
import { makeRandom } from '../core/random.js';
import type { KeysetPage } from './state/sorted-by-id.js';

export const DEFAULT_LIMIT = 50;

/** The lists that page. */
export type ListName = 'members' | 'link-invites';

/** A list answer: `{items, next?: {page}, count}`. */
export interface ListBody<T> {
  readonly items: ReadonlyArray<T>;
  readonly next?: { readonly page: string };
  readonly count: number;
}

const SIGNATURE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export class Cursors {
  private readonly key: string;

  constructor(seed: string | number) {
    this.key = makeRandom(seed, 'gitbook-cursors').string(24, SIGNATURE_ALPHABET);
  }

  /** The validated `limit` (the spec bounds it to 0..1000; the API also wants a whole number >= 1). */
  limit(query: Readonly<Record<string, unknown>>): number {
    const limit = (query.limit as number | undefined) ?? DEFAULT_LIMIT;
    if (!Number.isInteger(limit)) throw badRequest('limit: must be a whole number');
    if (limit < 1) throw badRequest('limit: must be 1 or more');
    return limit;
  }

  /** The id `page` continues after; undefined for the first page; 400 for a cursor this list did not issue. */
  after(list: ListName, query: Readonly<Record<string, unknown>>): string | undefined {
    const cursor = query.page as string | undefined;
    if (cursor === undefined) return undefined;
    const [payload, signature] = cursor.split('.');
    const decoded = payload ? Buffer.from(payload, 'base64url').toString('utf8') : '';
    const separator = decoded.indexOf('\n');
    const afterId = decoded.slice(separator + 1);
    if (separator < 0 || decoded.slice(0, separator) !== list || signature !== this.sign(decoded)) {
      throw badRequest(`page: unknown cursor ${JSON.stringify(cursor)}; pass next.page of the previous answer`);
    }
    return afterId;
  }

  /** The list answer for `page`, `next.page` pointing after its last item when more follow. */
  body<R extends { readonly id: string }, T>(list: ListName, page: KeysetPage<R>, view: (record: R) => T): ListBody<T> {
    const last = page.items.at(-1);
    return {
      items: page.items.map(view),
      ...(page.more && last ? { next: { page: this.cursor(list, last.id) } } : {}),
      count: page.count,
    };
  }

  private cursor(list: ListName, afterId: string): string {
    const decoded = `${list}\n${afterId}`;
    return `${Buffer.from(decoded, 'utf8').toString('base64url')}.${this.sign(decoded)}`;
  }

  private sign(decoded: string): string {
    return makeRandom(this.key, decoded).string(16, SIGNATURE_ALPHABET);
  }
}

const badRequest = (message: string): ApiFailure => ApiFailure.of(400, VALIDATION_ERROR, message);
