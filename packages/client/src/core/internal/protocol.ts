/**
 * The conventions that differ from one vendor's API to the next: how an error body is shaped and
 * what response headers say about waiting. Everything else in the core (transport, retries,
 * timeouts, decoding, the observer) is shared; each API passes its protocol in its settings.
 */
import type { ApiErrorDetail } from '../errors.js';

/** What a non-2xx body says, as the vendor writes it (the core scrubs secrets from it afterwards). */
export interface ErrorDetails {
  /** A correlation id to quote to the vendor's support, when the body has one. */
  readonly fingerprint?: string;
  readonly errors: ReadonlyArray<ApiErrorDetail>;
}

/** What one response's status and headers say about waiting. */
export interface WaitHints {
  /**
   * How long the server asks the client to wait before retrying this (failed) response, in
   * milliseconds from when it arrived; `undefined` leaves the wait to the retry policy's backoff.
   */
  readonly retryAfterMs: number | undefined;
  /**
   * Epoch milliseconds before which the client should send no further request, because the
   * server said its quota is spent; `undefined` when it did not say so.
   */
  readonly pausedUntilMs: number | undefined;
}

/** Response headers, as fetch's `Headers` or anything with the same `get`. */
export interface HeaderReader {
  get(name: string): string | null;
}

/** One vendor's conventions. */
export interface ApiProtocol {
  /** The fingerprint and errors of a non-2xx body, whatever else it holds; `{errors: []}` if none. */
  readonly errorDetails: (body: unknown) => ErrorDetails;
  /** What a response (any status) says about waiting, `nowMs` being when it arrived. */
  readonly waitHints: (status: number, headers: HeaderReader, nowMs: number) => WaitHints;
}

/** Whether `value` is a JSON object (not null, not an array). */
export const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
